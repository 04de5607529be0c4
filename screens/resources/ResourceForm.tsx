import { Box, Text, type Key } from 'ink';
import React, { useRef, useState } from 'react';
import { draftOk, readDraft, type FormField, type FormMode } from '../../src/extensions/formDraft.js';
import type { FieldValue } from '../../src/extensions/types.js';
import { useResourceKeys } from './useResourceKeys.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { editText, type TextState } from '../widgets/editText.js';
import { ProgressLine } from '../widgets/ProgressLine.js';

export interface ResourceFormProps {
  title: string;
  fields: readonly FormField[];
  mode: FormMode;
  active: boolean;
  width: number;
  height: number;
  /** A request is in flight: keys edit nothing and Enter sends nothing. */
  sending?: string;
  /** What the cloud answered last time (message and request id); the values stay as typed. */
  error?: unknown;
  onSubmit: (values: Record<string, FieldValue>) => void;
  onCancel: () => void;
}

/**
 * A form generated from declared fields: one line per field, Tab/Shift-Tab or Up/Down to move,
 * Enter to go to the next field and, on the last one, to send; Esc cancels. Each field says what
 * is wrong with it as it is typed; nothing is sent while any field is wrong.
 */
export function ResourceForm(props: ResourceFormProps): React.JSX.Element {
  const count = props.fields.length;
  // The fields' text and cursor, and the focus, live in a ref: every key of a burst (typing fast,
  // a paste, Tab then more typing) sees what the previous one did, before React renders again.
  const state = useRef({
    fields: Object.fromEntries(props.fields.map((f) => [f.field.key, { value: f.initial, cursor: f.initial.length }])) as Record<
      string,
      TextState
    >,
    focus: 0,
  });
  const [, setTick] = useState(0);
  const [tried, setTried] = useState(false);
  const texts = Object.fromEntries(Object.entries(state.current.fields).map(([k, v]) => [k, v.value]));
  const draft = readDraft(props.fields, texts, props.mode);
  const propsRef = useRef(props);
  propsRef.current = props;

  const submit = () => {
    const p = propsRef.current;
    const values = Object.fromEntries(Object.entries(state.current.fields).map(([k, v]) => [k, v.value]));
    const d = readDraft(p.fields, values, p.mode);
    setTried(true);
    if (draftOk(d)) p.onSubmit(d.values);
  };

  /** One key: move between fields, send from the last one, or edit the focused field. */
  const apply = (input: string, key: Key) => {
    const p = propsRef.current;
    if (key.escape) return p.onCancel();
    if (p.sending) return;
    const st = state.current;
    if ((key.tab && key.shift) || key.upArrow) st.focus = Math.max(0, st.focus - 1);
    else if (key.tab || key.downArrow) st.focus = Math.min(count - 1, st.focus + 1);
    else if (key.return) {
      if (st.focus < count - 1) st.focus++;
      else submit();
    } else {
      const f = p.fields[st.focus];
      if (!f) return;
      const next = editText(st.fields[f.field.key]!, input, key);
      if (!next) return;
      st.fields[f.field.key] = next;
    }
    setTick((t) => t + 1);
  };

  useResourceKeys(
    (input, key) => {
      if (!propsRef.current.active) return;
      // A paste or a fast burst arrives as one string: its keys, in order.
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
    { isActive: props.active },
  );

  const focus = state.current.focus;
  const labelWidth = Math.min(24, Math.max(...props.fields.map((f) => f.field.title.length + (f.required ? 1 : 0))) + 1);
  const inputWidth = Math.max(10, Math.floor((props.width - labelWidth - 4) * 0.5));
  const focused = props.fields[focus];
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')}>
        {props.title}
      </Text>
      {props.fields.map((f, i) => {
        const label = `${f.field.title}${f.required ? '*' : ''}`.padEnd(labelWidth);
        const text = state.current.fields[f.field.key]!;
        const problem = draft.errors[f.field.key];
        const showProblem = problem && (tried || text.value !== f.initial);
        return (
          <Box key={f.field.key}>
            <Text color={i === focus ? color('cyan') : undefined}>{`${i === focus ? '>' : ' '} ${label}`}</Text>
            <Box width={inputWidth + 2}>
              <FieldText
                state={text}
                width={inputWidth}
                cursor={i === focus && props.active && !props.sending}
                placeholder={f.field.choices ? `(${f.field.choices.join('|')})` : ''}
              />
            </Box>
            {showProblem ? <Text color={color('red')} wrap="truncate">{`✗ ${f.field.title} ${problem}`}</Text> : null}
          </Box>
        );
      })}
      <Text dimColor wrap="truncate">
        {focused?.field.help ? `  ${focused.field.help}` : ' '}
      </Text>
      {props.sending ? <ProgressLine active text={props.sending} /> : null}
      {props.error && !props.sending ? (
        <ErrorPanel error={props.error} title="The cloud refused it" hint="Fix and press Enter to send again   Esc cancel" />
      ) : null}
      {tried && draft.formError ? <Text color={color('yellow')}>{`  ${draft.formError}`}</Text> : null}
      <Text dimColor>{'  Tab/↓ next   Shift-Tab/↑ previous   Enter next / send on the last field   Esc cancel'}</Text>
    </Box>
  );
}

function blankKey(key: Key): Key {
  const out = { ...key } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (typeof out[k] === 'boolean') out[k] = false;
  return out as unknown as Key;
}

/** A field's text, scrolled to keep the cursor in view; the cursor drawn inverse on the focused one. */
function FieldText(props: { state: TextState; width: number; cursor: boolean; placeholder: string }): React.JSX.Element {
  const { value, cursor } = props.state;
  if (!value && !props.cursor) return <Text dimColor>{props.placeholder}</Text>;
  const start = Math.max(0, cursor - props.width + 1);
  const shown = value.slice(start, start + props.width);
  const at = cursor - start;
  if (!props.cursor) return <Text wrap="truncate">{shown}</Text>;
  return (
    <Text wrap="truncate">
      {shown.slice(0, at)}
      <Text inverse>{shown[at] ?? ' '}</Text>
      {shown.slice(at + 1)}
    </Text>
  );
}
