import { Box, Text } from 'ink';
import React, { useEffect, useRef, useState } from 'react';
import { useKeys } from '../hooks/useKeys.js';

/** A line with a style: section titles, a fault in red. */
export interface StyledLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

export type Line = string | StyledLine;

function clean(l: string): string {
  return l.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\t/g, '    ').replace(/\n/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '') || ' ';
}

export interface ScrollTextProps {
  lines: Line[];
  height: number;
  width: number;
  active?: boolean;
  /** Start at the end (console logs), and stay there while following. */
  follow?: boolean;
  emptyText?: string;
}

/** Lines that scroll with j/k, arrows, PgUp/PgDn, g/G; only the visible ones are drawn. */
export function ScrollText(props: ScrollTextProps): React.JSX.Element {
  const rows = Math.max(1, props.height - 1);
  const maxTop = Math.max(0, props.lines.length - rows);
  const [top, setTop] = useState(props.follow ? maxTop : 0);
  const following = useRef(!!props.follow);
  useEffect(() => {
    if (following.current) setTop(maxTop);
    else setTop((t) => Math.min(t, maxTop));
  }, [maxTop]);
  useKeys(
    (input, key) => {
      const by = (f: (t: number) => number) =>
        setTop((t) => {
          const v = Math.max(0, Math.min(maxTop, f(t)));
          following.current = v === maxTop && !!props.follow;
          return v;
        });
      if (key.downArrow || /^j+$/.test(input)) by((t) => t + Math.max(1, input.length));
      else if (key.upArrow || /^k+$/.test(input)) by((t) => t - Math.max(1, input.length));
      else if (key.pageDown || input === ' ') by((t) => t + rows);
      else if (key.pageUp) by((t) => t - rows);
      else if (key.home || input === 'g') by(() => 0);
      else if (key.end || input === 'G') by(() => maxTop);
    },
    { isActive: props.active !== false },
  );
  const t = Math.min(top, maxTop);
  const shown = props.lines.slice(t, t + rows);
  return (
    <Box flexDirection="column">
      {props.lines.length === 0 ? <Text dimColor>{props.emptyText ?? '(empty)'}</Text> : null}
      {shown.map((l, i) =>
        typeof l === 'string' ? (
          <Text key={t + i} wrap="truncate">
            {clean(l)}
          </Text>
        ) : (
          <Text key={t + i} wrap="truncate" color={l.color} bold={l.bold} dimColor={l.dim}>
            {clean(l.text)}
          </Text>
        ),
      )}
      {props.lines.length > rows ? (
        <Text dimColor>{`lines ${t + 1}-${Math.min(props.lines.length, t + rows)} of ${props.lines.length}`}</Text>
      ) : null}
    </Box>
  );
}
