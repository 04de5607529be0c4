import { Box, Text } from 'ink';
import React from 'react';

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

/** Lines drawn from `top`, `height` rows at most, with "more" marks when cut. */
export function ScrollLines(props: { lines: FormLine[]; top: number; height: number }): React.JSX.Element {
  const h = Math.max(2, props.height);
  const max = Math.max(0, props.lines.length - h);
  const top = Math.min(Math.max(0, props.top), max);
  const more = props.lines.length > h;
  const rows = more ? h - 1 : h;
  const shown = props.lines.slice(top, top + rows);
  return (
    <Box flexDirection="column">
      {shown.map((l, i) => (
        <Text key={i} color={l.color} bold={l.bold} dimColor={l.dim} wrap="truncate">
          {l.text || ' '}
        </Text>
      ))}
      {more ? <Text dimColor>{`  ↑↓ scroll: lines ${top + 1}-${Math.min(props.lines.length, top + rows)} of ${props.lines.length}`}</Text> : null}
    </Box>
  );
}
