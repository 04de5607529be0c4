import { Box, Text } from 'ink';
import React, { useRef, useState } from 'react';
import { visibleWindow } from './Table.js';
import { useKeys } from '../hooks/useKeys.js';

export interface SelectItem<V> {
  label: string;
  value: V;
  /** A single key that picks this item directly. */
  hotkey?: string;
  hint?: string;
  danger?: boolean;
}

export interface SelectListProps<V> {
  title?: string;
  items: Array<SelectItem<V>>;
  onSelect: (value: V) => void;
  onCancel: () => void;
  height: number;
  active?: boolean;
  emptyText?: string;
  initialIndex?: number;
}

/** A menu: j/k or arrows and Enter, or an item's hotkey; Esc cancels. */
export function SelectList<V>(props: SelectListProps<V>): React.JSX.Element {
  const [cursor, setCursor] = useState(props.initialIndex ?? 0);
  const cursorRef = useRef(cursor);
  cursorRef.current = Math.min(cursor, Math.max(0, props.items.length - 1));
  useKeys(
    (input, key) => {
      const n = props.items.length;
      if (key.escape || input === 'q') return props.onCancel();
      if (key.return) {
        const item = props.items[cursorRef.current];
        if (item) props.onSelect(item.value);
        return;
      }
      const move = (to: number) => {
        cursorRef.current = Math.max(0, Math.min(n - 1, to));
        setCursor(cursorRef.current);
      };
      if (key.downArrow || input === 'j') return move(cursorRef.current + 1);
      if (key.upArrow || input === 'k') return move(cursorRef.current - 1);
      if (key.pageDown) return move(cursorRef.current + props.height);
      if (key.pageUp) return move(cursorRef.current - props.height);
      if (key.home || input === 'g') return move(0);
      if (key.end || input === 'G') return move(n - 1);
      const hit = props.items.find((i) => i.hotkey !== undefined && i.hotkey === input);
      if (hit) props.onSelect(hit.value);
    },
    { isActive: props.active !== false },
  );
  const rows = Math.max(1, props.height - (props.title ? 2 : 0));
  const [start, end] = visibleWindow(props.items.length, cursorRef.current, rows);
  return (
    <Box flexDirection="column">
      {props.title ? <Text bold>{props.title}</Text> : null}
      {props.title ? <Text> </Text> : null}
      {props.items.length === 0 ? <Text dimColor>{props.emptyText ?? 'Nothing to choose from.'}</Text> : null}
      {props.items.slice(start, end).map((item, i) => {
        const index = start + i;
        const selected = index === cursorRef.current;
        return (
          <Text key={index} inverse={selected} wrap="truncate">
            {selected ? '> ' : '  '}
            {item.hotkey ? `${item.hotkey}  ` : ''}
            {item.label}
            {item.hint ? <Text dimColor={!selected}>{`  ${item.hint}`}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
