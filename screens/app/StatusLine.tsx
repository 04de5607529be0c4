import React from 'react';
import type { PromptHistory } from '../../src/app/history.js';
import type { CompletionSources } from '../../src/app/promptCommands.js';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { CommandPrompt, type CandidateList } from '../prompt/CommandPrompt.js';
import { color } from '../theme.js';
import { LineInput } from '../widgets/LineInput.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { Text } from '../widgets/Text.js';
import { displayWidth, truncateWidth, wrapWidth } from '../../src/util/displayWidth.js';
import type { Tone } from './context.js';
import { faultLine, fitMessage, splitAtStatus } from './faultText.js';
import { useRefreshFailure } from './Header.js';
import type { Overlay } from './overlay.js';

export interface Message {
  text: string;
  tone: Tone;
}

const FILTER_DOCS: KeyDoc[] = [
  { label: 'Enter', help: 'keep the filter', footer: 'keep the filter' },
  { label: 'Esc', help: 'clear it', footer: 'clear it' },
  { label: 'field:value', help: 'one field (status:ACTIVE)', footer: 'one field' },
];

const RUNNING_DOCS: KeyDoc[] = [
  { label: 'Esc', help: 'stop waiting (what was sent goes on in the cloud)', footer: 'stop waiting' },
  { label: 'Ctrl-C', help: 'quit', footer: 'quit' },
];

/**
 * A command in flight owns the keyboard: keys typed meanwhile wait for what it opens (its result,
 * a form); Esc stops waiting at once, and the keys typed for what will no longer come are dropped.
 */
function RunningKeys(props: { onStop: () => void }): null {
  useKeyOwner((p) => (p.name === 'esc' ? props.onStop() : undefined), {
    modal: true,
    ready: () => false,
    urgent: (p) => p.name === 'esc',
    docs: RUNNING_DOCS,
  });
  return null;
}

export interface StatusLineProps {
  overlay: Overlay | null;
  message: Message | null;
  filter: string;
  width: number;
  history: PromptHistory;
  sources: () => CompletionSources;
  onCandidates: (list: CandidateList | undefined) => void;
  onPromptSubmit: (line: string) => void;
  onFilterChange: (value: string) => void;
  /** Esc in the filter (clears it) or the prompt, Enter in the filter. */
  onClose: (clearFilter: boolean) => void;
  onStopRunning: () => void;
}

function firstLine(message: Message): string {
  return message.text.split('\n')[0] ?? '';
}

/**
 * The message in `rows` lines: what failed first, and on the last line its "(HTTP 500, request …)"
 * and what follows, so that a request id is never split or cut.
 */
function wrapInRows(text: string, width: number, rows: number): string[] {
  const split = splitAtStatus(text);
  const [head, tail] = split ?? [text, ''];
  const headRows = tail ? rows - 1 : rows;
  const lines = wrapWidth(head, width);
  const shown = lines.slice(0, headRows);
  if (lines.length > headRows) shown[headRows - 1] = truncateWidth(`${shown[headRows - 1]!} ${lines[headRows]!}`, width);
  return tail ? [...shown, fitMessage(tail, width)] : shown;
}

/** An error too long for one line takes two (what failed, then its status and request id); anything else one. */
export function statusLineRows(overlay: Overlay | null, message: Message | null, width: number): number {
  if (overlay?.kind === 'prompt' || overlay?.kind === 'filter' || overlay?.kind === 'running') return 1;
  return message?.tone === 'error' && displayWidth(firstLine(message)) > width ? 2 : 1;
}

/** The line above the footer: the ':' prompt, the '/' filter, a command's progress, or the last message. */
export function StatusLine(props: StatusLineProps): React.JSX.Element {
  const { overlay, message } = props;
  const failure = useRefreshFailure();
  if (overlay?.kind === 'prompt') {
    return (
      <CommandPrompt
        history={props.history}
        sources={props.sources}
        width={props.width}
        initial={overlay.initial}
        onCandidates={props.onCandidates}
        onCancel={() => props.onClose(false)}
        onSubmit={props.onPromptSubmit}
      />
    );
  }
  if (overlay?.kind === 'filter') {
    return (
      <LineInput
        prefix="/"
        value={props.filter}
        width={props.width}
        placeholder="filter: text or field:value (status:ACTIVE)"
        docs={FILTER_DOCS}
        onChange={props.onFilterChange}
        onSubmit={() => props.onClose(false)}
        onCancel={() => props.onClose(true)}
      />
    );
  }
  if (overlay?.kind === 'running') {
    return (
      <>
        <RunningKeys onStop={props.onStopRunning} />
        <ProgressLine text={`${overlay.progress}   (Esc stops waiting)`} active />
      </>
    );
  }
  if (message) {
    const tone = message.tone === 'error' ? 'red' : message.tone === 'success' ? 'green' : undefined;
    const rows = statusLineRows(overlay, message, props.width);
    const lines = rows > 1 ? wrapInRows(firstLine(message), props.width, rows) : [];
    return rows > 1 ? (
      <>
        {lines.map((line, i) => (
          <Text key={i} wrap="truncate" color={color(tone)}>
            {line}
          </Text>
        ))}
      </>
    ) : (
      <Text wrap="truncate" color={color(tone)}>
        {fitMessage(firstLine(message), props.width)}
      </Text>
    );
  }
  if (failure && !props.filter) {
    // Why the header says the refresh failed, with the status and request id to look it up by.
    return (
      <Text wrap="truncate" color={color('red')}>
        {fitMessage(` refresh failed: ${faultLine(failure.error)}`, props.width)}
      </Text>
    );
  }
  return (
    <Text dimColor wrap="truncate">
      {props.filter ? ` filter: ${props.filter}   (/ edits, Esc clears)` : ' '}
    </Text>
  );
}
