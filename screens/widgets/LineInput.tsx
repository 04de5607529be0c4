import { Text, type Key } from 'ink';
import React, { useLayoutEffect, useRef, useState } from 'react';
import { useKeys } from '../hooks/useKeys.js';
import { editText } from './editText.js';

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
  /** Told when the field starts and stops listening (in the commit, before the next key). */
  onAttach?: (attached: boolean) => void;
  /** Asked on every key: false when the field was just closed and its keys belong elsewhere. */
  isOwner?: () => boolean;
}

function blankKey(key: Key): Key {
  const out = { ...key } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (typeof out[k] === 'boolean') out[k] = false;
  return out as unknown as Key;
}

/**
 * One line of text input with a cursor: Left/Right, Home/End, Ctrl-A/E, Backspace, Ctrl-U/K/W.
 * Keys that arrive in one burst are applied in order (the value lives in a ref, not a stale closure).
 */
export function LineInput(props: LineInputProps): React.JSX.Element {
  const state = useRef({ value: props.value, cursor: props.value.length, emitted: props.value });
  const [, setTick] = useState(0);
  // A new value from outside (history, completion, reset): cursor to its end.
  if (props.value !== state.current.emitted) state.current = { value: props.value, cursor: props.value.length, emitted: props.value };
  const propsRef = useRef(props);
  propsRef.current = props;

  useLayoutEffect(() => {
    propsRef.current.onAttach?.(true);
    return () => propsRef.current.onAttach?.(false);
  }, []);

  const apply = (input: string, key: Key) => {
    const p = propsRef.current;
    if (p.isOwner && !p.isOwner()) return;
    const s = state.current;
    if (p.onKey?.(input, key, s.value)) return;
    if (key.return) {
      p.onSubmit?.(s.value);
      return;
    }
    if (key.escape) {
      p.onCancel?.();
      return;
    }
    const next = editText(s, input, key);
    if (!next || next === s) return;
    const { value, cursor } = next;
    const changed = value !== s.value;
    state.current = { value, cursor, emitted: changed ? value : s.emitted };
    if (changed) p.onChange(value);
    setTick((t) => t + 1);
  };

  useKeys(
    (input, key) => {
      // A paste or a fast burst ("reboot vm1\r", several Backspaces) arrives as one string: apply its parts in order.
      if (input.length > 1 && /[\r\n\t\u007f\b]/.test(input) && !key.ctrl && !key.meta) {
        const plain = blankKey(key);
        for (const part of input.split(/([\r\n\t\u007f\b])/).filter(Boolean)) {
          if (part === '\t') apply('', { ...plain, tab: true });
          else if (part === '\r' || part === '\n') apply('', { ...plain, return: true });
          else if (part === '\u007f' || part === '\b') apply('', { ...plain, backspace: true });
          else apply(part, plain);
        }
        return;
      }
      apply(input, key);
    },
    { isActive: props.active !== false },
  );

  const { value, cursor } = state.current;
  const shown = props.mask !== undefined ? props.mask.repeat(value.length) : value;
  const prefix = props.prefix ?? '';
  const room = Math.max(4, (props.width ?? 1000) - prefix.length - 1);
  const start = Math.max(0, cursor - room + 1);
  const visible = shown.slice(start, start + room);
  const at = cursor - start;
  const active = props.active !== false;
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
      {visible.slice(0, at)}
      {active ? <Text inverse>{visible[at] ?? ' '}</Text> : (visible[at] ?? '')}
      {visible.slice(at + 1)}
    </Text>
  );
}
