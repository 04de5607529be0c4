import { Box } from 'ink';
import React, { useEffect, useRef, useState } from 'react';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { Text } from './Text.js';

/** A line with a style: section titles, a fault in red. */
export interface StyledLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

export type Line = string | StyledLine;

export interface ScrollTextProps {
  lines: Line[];
  height: number;
  width: number;
  /** Takes the scrolling keys (default true). */
  active?: boolean;
  /** Start at the end (console logs), and stay there while following. */
  follow?: boolean;
  emptyText?: string;
}

const FORWARD = new Set(['j', 'down', 'pagedown', 'space', 'G', 'end']);

export const SCROLL_KEYS: Keymap<'line' | 'page' | 'edge'> = [
  { keys: ['j', 'k', 'down', 'up'], label: 'j/k ↑/↓', help: 'scroll', action: 'line' },
  { keys: ['pagedown', 'pageup', 'space'], label: 'PgUp/PgDn', help: 'page up / down (Space: down)', action: 'page' },
  { keys: ['g', 'G', 'home', 'end'], label: 'g/G', help: 'first / last line (Home/End too)', action: 'edge' },
];

/**
 * Lines that scroll with j/k, arrows, PgUp/PgDn, g/G; only the visible ones are drawn. Each line
 * is drawn through the terminal-safe Text (console output keeps nothing live).
 */
export function ScrollText(props: ScrollTextProps): React.JSX.Element {
  const rows = Math.max(1, props.height - 1);
  const maxTop = Math.max(0, props.lines.length - rows);
  const [top, setTop] = useState(props.follow ? maxTop : 0);
  const following = useRef(!!props.follow);
  useEffect(() => {
    if (following.current) setTop(maxTop);
    else setTop((t) => Math.min(t, maxTop));
  }, [maxTop]);
  const by = (f: (t: number) => number) =>
    setTop((t) => {
      const v = Math.max(0, Math.min(maxTop, f(t)));
      following.current = v === maxTop && !!props.follow;
      return v;
    });
  useKeymap(
    SCROLL_KEYS,
    {
      line: (p) => by((t) => t + (FORWARD.has(p.name) ? 1 : -1)),
      page: (p) => by((t) => t + (FORWARD.has(p.name) ? rows : -rows)),
      edge: (p) => by(() => (FORWARD.has(p.name) ? maxTop : 0)),
    },
    { active: props.active !== false },
  );
  const t = Math.min(top, maxTop);
  const shown = props.lines.slice(t, t + rows);
  return (
    <Box flexDirection="column">
      {props.lines.length === 0 ? <Text dimColor>{props.emptyText ?? '(empty)'}</Text> : null}
      {shown.map((l, i) =>
        typeof l === 'string' ? (
          <Text key={t + i} wrap="truncate">
            {l || ' '}
          </Text>
        ) : (
          <Text key={t + i} wrap="truncate" color={l.color} bold={l.bold} dimColor={l.dim}>
            {l.text || ' '}
          </Text>
        ),
      )}
      {props.lines.length > rows ? (
        <Text dimColor>{`lines ${t + 1}-${Math.min(props.lines.length, t + rows)} of ${props.lines.length}`}</Text>
      ) : null}
    </Box>
  );
}
