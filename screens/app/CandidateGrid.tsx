import { Box } from 'ink';
import React from 'react';
import type { CandidateList } from '../prompt/CommandPrompt.js';
import { Text } from '../widgets/Text.js';

const MAX_LINES = 5;

/** Candidates laid out in columns: how many lines they take (at most 5, plus one for "more"). */
export function candidateLayout(items: string[], width: number): { perLine: number; lines: number; colWidth: number } {
  const colWidth = Math.min(width - 2, Math.max(...items.map((i) => i.length), 1) + 2);
  const perLine = Math.max(1, Math.floor((width - 2) / colWidth));
  const lines = Math.min(MAX_LINES, Math.ceil(items.length / perLine)) + (items.length > perLine * MAX_LINES ? 1 : 0);
  return { perLine, colWidth, lines };
}

/** Tab's ambiguous completions above the ':' prompt, the one on the line highlighted. */
export function CandidateGrid(props: { candidates: CandidateList; width: number }): React.JSX.Element {
  const { items, selected } = props.candidates;
  const { perLine, colWidth } = candidateLayout(items, props.width);
  const lines: React.ReactNode[] = [];
  for (let l = 0; l < MAX_LINES && l * perLine < items.length; l++) {
    const slice = items.slice(l * perLine, (l + 1) * perLine);
    lines.push(
      <Text key={l} wrap="truncate">
        {' '}
        {slice.map((c, i) => (
          <Text key={c} inverse={l * perLine + i === selected}>
            {c.padEnd(colWidth)}
          </Text>
        ))}
      </Text>,
    );
  }
  const hidden = items.length - perLine * MAX_LINES;
  if (hidden > 0) lines.push(<Text key="more" dimColor>{` … ${hidden} more: type more letters`}</Text>);
  return <Box flexDirection="column">{lines}</Box>;
}
