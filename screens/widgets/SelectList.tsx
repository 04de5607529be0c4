import { Box } from 'ink';
import React, { useRef, useState } from 'react';
import type { KeyDoc } from '../keys/dispatcher.js';
import { keymapDocs, runKeymap, type Keymap } from '../keys/keymap.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { useKeymapHost } from '../keys/useKeymap.js';
import { visibleWindow } from './Table.js';
import { Text } from './Text.js';

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
  emptyText?: string;
  initialIndex?: number;
  /** The items are still coming: keys wait for them (Esc still cancels at once). */
  loading?: boolean;
}

type SelectAction = 'move' | 'page' | 'edge' | 'choose' | 'cancel';
const FORWARD = new Set(['j', 'down', 'pagedown', 'G', 'end']);

export const SELECT_KEYS: Keymap<SelectAction> = [
  { keys: ['j', 'k', 'down', 'up'], label: 'j/k', help: 'move (↑/↓ too)', footer: 'move', action: 'move' },
  { keys: ['pagedown', 'pageup'], label: 'PgUp/PgDn', help: 'page up / down', action: 'page' },
  { keys: ['g', 'G', 'home', 'end'], label: 'g/G', help: 'first / last', action: 'edge' },
  { keys: ['enter'], help: 'choose', footer: 'choose', action: 'choose' },
  { keys: ['esc', 'q'], label: 'Esc', help: 'close, choosing nothing', footer: 'close', action: 'cancel' },
];

const HOTKEY_DOC: KeyDoc = { label: 'letter', help: 'pick an entry directly by its letter', footer: 'pick directly' };

/**
 * A menu: j/k or arrows and Enter, or an item's hotkey; Esc cancels. It owns the keyboard while
 * shown (modal): keys typed before it is drawn wait for it.
 *
 * Not ink-select-input: that component reads keys with its own useInput, beside the app's key
 * layer, so a burst (`j` and Enter in one read) is one string it does not recognise and keys typed
 * before its passive effect subscribed are lost; it has no Esc, no hotkeys, and scrolls by rotating
 * the list.
 */
export function SelectList<V>(props: SelectListProps<V>): React.JSX.Element {
  const host = useKeymapHost();
  const [cursor, setCursor] = useState(props.initialIndex ?? 0);
  const cursorRef = useRef(cursor);
  cursorRef.current = Math.min(cursor, Math.max(0, props.items.length - 1));
  const n = props.items.length;
  const move = (to: number) => {
    cursorRef.current = Math.max(0, Math.min(n - 1, to));
    setCursor(cursorRef.current);
  };
  const actions = {
    move: (p: { name: string }) => move(cursorRef.current + (FORWARD.has(p.name) ? 1 : -1)),
    page: (p: { name: string }) => move(cursorRef.current + (FORWARD.has(p.name) ? props.height : -props.height)),
    edge: (p: { name: string }) => move(FORWARD.has(p.name) ? n - 1 : 0),
    choose: () => {
      const item = props.items[cursorRef.current];
      if (item) props.onSelect(item.value);
    },
    cancel: () => props.onCancel(),
  };
  const hasHotkeys = props.items.some((i) => i.hotkey !== undefined);
  useKeyOwner(
    (press) => {
      // An item's own letter comes first: a menu may use j, k or g as a hotkey.
      const hit = props.items.find((i) => i.hotkey !== undefined && i.hotkey === press.input && press.name === press.input);
      if (hit) return props.onSelect(hit.value);
      runKeymap(SELECT_KEYS, actions, host.ctx, press, host.refuse);
    },
    {
      modal: true,
      ready: () => !props.loading,
      urgent: (p) => !!props.loading && p.name === 'esc',
      docs: () => [...keymapDocs(SELECT_KEYS, actions, host.ctx), ...(hasHotkeys ? [HOTKEY_DOC] : [])],
    },
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
            {item.hotkey ? `${item.hotkey}  ` : hasHotkeys ? '   ' : ''}
            {item.label}
            {item.hint ? <Text dimColor={!selected}>{`  ${item.hint}`}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
