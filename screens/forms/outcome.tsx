import { Box, Text } from 'ink';
import React from 'react';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';

/**
 * What a form shows when its one request did not simply succeed: refused (the service answered
 * an error: nothing happened, the values are kept), or unknown (the request went out and the
 * answer was lost: it may have happened; it is never sent again blindly, the user checks first).
 */

export function RefusedView(props: { what: string; error: unknown }): React.JSX.Element {
  return <ErrorPanel title={`${props.what} was refused: nothing was done`} error={props.error} />;
}

export type CheckState = { kind: 'none' } | { kind: 'checking' } | { kind: 'found'; text: string } | { kind: 'absent'; text: string } | { kind: 'failed'; text: string };

export function UnknownView(props: { what: string; maybe: string; error: unknown; check: CheckState }): React.JSX.Element {
  const c = props.check;
  return (
    <Box flexDirection="column">
      <ErrorPanel title={`No answer to ${props.what}`} error={props.error} />
      <Text wrap="wrap">{`The request was sent but the answer was lost: ${props.maybe} It was not sent again.`}</Text>
      {c.kind === 'checking' ? <ProgressLine text="Checking…" active /> : null}
      {c.kind === 'found' ? <Text color={color('yellow')} wrap="wrap">{c.text}</Text> : null}
      {c.kind === 'absent' ? <Text color={color('green')} wrap="wrap">{c.text}</Text> : null}
      {c.kind === 'failed' ? <Text color={color('red')} wrap="wrap">{c.text}</Text> : null}
    </Box>
  );
}

export function unknownHints(check: CheckState): string {
  if (check.kind === 'found') return 'Enter follow it   Esc close';
  if (check.kind === 'absent') return 'r send again (one request)   e back to the form   Esc close';
  return 'c check   Esc close';
}
