import { Box, type Key } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { color } from '../theme.js';

/** A line of a scrolling view, with a style. */
export interface FormLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

/** Hard-wraps text to a width, preferring to break at spaces (every piece at most `width`). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let rest = para;
    while (rest.length > w) {
      let cut = rest.lastIndexOf(' ', w);
      if (cut <= w / 3) cut = w;
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).replace(/^ /, '');
    }
    out.push(rest);
  }
  return out;
}

/** `text` wrapped to the body's width, each piece indented by two, with one style. */
export function wrappedLines(text: string, width: number, style: Omit<FormLine, 'text'> = {}): FormLine[] {
  return wrapText(text, width - 4).map((w) => ({ ...style, text: `  ${w}` }));
}

/** A review's "key   value" line, the value at column 22. */
export function reviewLine(label: string, value: string, style: Omit<FormLine, 'text'> = {}): FormLine {
  return { ...style, text: `  ${label.padEnd(20)}${value}` };
}

/** The equivalent one-shot command at the end of a review (y copies it). */
export function commandLines(command: string, width: number): FormLine[] {
  return [
    { text: '' },
    { text: '  Equivalent command (y copies it to the terminal clipboard):', dim: true },
    ...wrapText(command, width - 2).map((text) => ({ text, color: color('cyan') })),
  ];
}

/** Lines as they are, one row each. */
export function Lines(props: { lines: FormLine[] }): React.JSX.Element {
  return (
    <Box flexDirection="column">
      {props.lines.map((l, i) => (
        <Text key={i} color={l.color} bold={l.bold} dimColor={l.dim} wrap="truncate">
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** Lines drawn from `top`, `height` rows at most, with "more" marks when cut. */
export function ScrollLines(props: { lines: FormLine[]; top: number; height: number }): React.JSX.Element {
  const h = Math.max(2, props.height);
  const max = Math.max(0, props.lines.length - h);
  const top = Math.min(Math.max(0, props.top), max);
  const more = props.lines.length > h;
  const rows = more ? h - 1 : h;
  return (
    <Box flexDirection="column">
      <Lines lines={props.lines.slice(top, top + rows)} />
      {more ? (
        <Text dimColor>{`  ↑↓ scroll: lines ${top + 1}-${Math.min(props.lines.length, top + rows)} of ${props.lines.length}`}</Text>
      ) : null}
    </Box>
  );
}

/** How far a scroll key moves a review: ↑↓ a line, PgUp/PgDn a page; 0 for other keys. */
export function scrollKey(key: Key, page: number): number {
  return key.downArrow ? 1 : key.upArrow ? -1 : key.pageDown ? page : key.pageUp ? -page : 0;
}
