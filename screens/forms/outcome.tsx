import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { FormFrame } from './fields.js';

/**
 * What a form shows while its one request is in flight and when it did not simply succeed:
 * refused (the service answered an error: nothing happened, the values are kept), or unknown (the
 * request went out and the answer was lost: it may have happened; it is never sent again blindly,
 * the user checks first).
 */

export type CheckState =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'found'; text: string }
  | { kind: 'absent'; text: string }
  | { kind: 'failed'; text: string };

/** The request's part of a form's state while it is in flight, refused or unanswered. */
export interface RequestShown {
  phase: 'sending' | 'refused' | 'unknown';
  error?: unknown;
  check: CheckState;
}

/** Is the form in one of the phases RequestView draws? */
export function inRequest<S extends { phase: string; error?: unknown; check: CheckState }>(s: S): s is S & RequestShown {
  return s.phase === 'sending' || s.phase === 'refused' || s.phase === 'unknown';
}

export function RefusedView(props: { what: string; error: unknown; title?: string }): React.JSX.Element {
  return <ErrorPanel title={props.title ?? `${props.what} was refused: nothing was done`} error={props.error} />;
}

export interface UnknownViewProps {
  what: string;
  maybe: string;
  error: unknown;
  check: CheckState;
  /** After "It was not sent again.", e.g. what to do before trying again. */
  advice?: string;
  /** The spinner's text while checking. */
  checking?: string;
}

export function UnknownView(props: UnknownViewProps): React.JSX.Element {
  const c = props.check;
  return (
    <Box flexDirection="column">
      <ErrorPanel title={`No answer to ${props.what}`} error={props.error} />
      <Text wrap="wrap">{`The request was sent but the answer was lost: ${props.maybe} It was not sent again.${props.advice ? ` ${props.advice}` : ''}`}</Text>
      {c.kind === 'checking' ? <ProgressLine text={props.checking ?? 'Checking…'} active /> : null}
      {c.kind === 'found' ? (
        <Text color={color('yellow')} wrap="wrap">
          {c.text}
        </Text>
      ) : null}
      {c.kind === 'absent' ? (
        <Text color={color('green')} wrap="wrap">
          {c.text}
        </Text>
      ) : null}
      {c.kind === 'failed' ? (
        <Text color={color('red')} wrap="wrap">
          {c.text}
        </Text>
      ) : null}
    </Box>
  );
}

export function unknownHints(check: CheckState, checkWhat = 'check'): string {
  if (check.kind === 'found') return 'Enter follow it   Esc close';
  if (check.kind === 'absent') return 'r send again (one request)   e back to the form   Esc close';
  return `c ${checkWhat}   Esc close`;
}

export interface RequestViewProps extends Omit<UnknownViewProps, 'check' | 'error'> {
  title: string;
  width: number;
  request: RequestShown;
  /** The spinner's text while the request is in flight. */
  sending: string;
  /** The refusal's title, when not "<what> was refused: nothing was done". */
  refusedTitle?: string;
  /** What "c" checks, in the hints. */
  checkWhat?: string;
}

/** The form's frame while its request is in flight, refused, or unanswered. */
export function RequestView(props: RequestViewProps): React.JSX.Element {
  const { title, width } = props;
  const { phase, error, check } = props.request;
  if (phase === 'sending') {
    return (
      <FormFrame title={title} width={width} hints="One request is in flight; keys are ignored until it is answered.">
        <ProgressLine text={props.sending} active />
      </FormFrame>
    );
  }
  if (phase === 'refused') {
    const what = props.what.charAt(0).toUpperCase() + props.what.slice(1);
    return (
      <FormFrame title={title} width={width} hints="Enter/e back to the form (values kept)   Esc close">
        <RefusedView what={what} title={props.refusedTitle} error={error} />
      </FormFrame>
    );
  }
  return (
    <FormFrame title={title} width={width} hints={unknownHints(check, props.checkWhat)}>
      <UnknownView what={props.what} maybe={props.maybe} advice={props.advice} checking={props.checking} error={error} check={check} />
    </FormFrame>
  );
}
