import type { Key } from 'ink';
import React, { useRef, useState } from 'react';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { displayWidth } from '../../src/util/displayWidth.js';
import { editText } from './editText.js';
import { Text } from './Text.js';

export interface LineInputProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  onCancel?: () => void;
  /** Shown before the text, e.g. ':' or '/'. */
  prefix?: string;
  /** Shows this character instead of each typed one (passwords). */
  mask?: string;
  placeholder?: string;
  active?: boolean;
  /** Room for prefix + text; the text scrolls to keep the cursor visible. */
  width?: number;
  /** Sees every key first; returns true when it handled it (Tab completion, history...). */
  onKey?: (input: string, key: Key, value: string) => boolean;
  /** What the footer says about this field's keys. */
  docs?: KeyDoc[];
}

const DEFAULT_DOCS: KeyDoc[] = [
  { label: 'Enter', help: 'done', footer: 'done' },
  { label: 'Esc', help: 'cancel', footer: 'cancel' },
];

/**
 * One line of text input with a cursor: Left/Right, Home/End, Ctrl-A/E, Backspace, Ctrl-U/K/W.
 * It owns the keyboard while shown (modal, a text owner: a paste comes in as one edit). The value
 * lives in a ref, so keys handled before React renders again see the latest text.
 */
export function LineInput(props: LineInputProps): React.JSX.Element {
  const state = useRef({ value: props.value, cursor: props.value.length, emitted: props.value });
  const [, setTick] = useState(0);
  // A new value from outside (history, completion, reset): cursor to its end.
  if (props.value !== state.current.emitted) state.current = { value: props.value, cursor: props.value.length, emitted: props.value };
  const active = props.active !== false;

  useKeyOwner(
    ({ input, key }) => {
      const s = state.current;
      if (props.onKey?.(input, key, s.value)) return;
      if (key.return) return props.onSubmit?.(s.value);
      if (key.escape) return props.onCancel?.();
      const next = editText(s, input, key);
      if (!next || next === s) return;
      const changed = next.value !== s.value;
      state.current = { value: next.value, cursor: next.cursor, emitted: changed ? next.value : s.emitted };
      if (changed) props.onChange(next.value);
      setTick((t) => t + 1);
    },
    { modal: true, text: true, active, docs: props.docs ?? DEFAULT_DOCS },
  );

  const { value, cursor } = state.current;
  const prefix = props.prefix ?? '';
  const room = Math.max(4, (props.width ?? 1000) - displayWidth(prefix) - 1);
  const { before, under, after } = cursorWindow(value, cursor, room, props.mask);
  if (!value && props.placeholder && active) {
    return (
      <Text>
        {prefix}
        <Text inverse> </Text>
        <Text dimColor>{props.placeholder}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {prefix}
      {before}
      {active ? <Text inverse>{under || ' '}</Text> : under}
      {after}
    </Text>
  );
}

const segmenter = new Intl.Segmenter();

/**
 * The part of the text shown in `room` columns, scrolled so that the cursor is in view: counted
 * in terminal columns (a CJK character or an emoji takes 2) and whole characters, never half one.
 */
export function cursorWindow(value: string, cursor: number, room: number, mask?: string): { before: string; under: string; after: string } {
  const chars = [...segmenter.segment(value)].map(({ segment, index }) => {
    const shown = mask ?? segment;
    return { shown, index, width: displayWidth(shown) };
  });
  let at = chars.findIndex((c) => c.index >= cursor);
  if (at < 0) at = chars.length;
  // From the cursor's cell (1 column at the end) back, as far as the room goes.
  let used = at < chars.length ? chars[at]!.width : 1;
  let start = at;
  while (start > 0 && used + chars[start - 1]!.width <= room) used += chars[--start]!.width;
  let end = at < chars.length ? at + 1 : at;
  while (end < chars.length && used + chars[end]!.width <= room) used += chars[end++]!.width;
  const text = (from: number, to: number) =>
    chars
      .slice(from, to)
      .map((c) => c.shown)
      .join('');
  return { before: text(start, at), under: text(at, Math.min(at + 1, chars.length)), after: text(at + 1, end) };
}
