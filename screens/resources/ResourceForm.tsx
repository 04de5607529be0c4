import { Box, Text, type Key } from 'ink';
import React, { useMemo, useRef, useState } from 'react';
import { draftOk, readDraft, type FormField, type FormMode } from '../../src/extensions/formDraft.js';
import type { FieldValue } from '../../src/extensions/types.js';
import { useKeys } from '../hooks/useKeys.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { LineInput } from '../widgets/LineInput.js';
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
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(props.fields.map((f) => [f.field.key, f.initial])));
  const [focus, setFocus] = useState(0);
  const [tried, setTried] = useState(false);
  const textsRef = useRef(texts);
  textsRef.current = texts;
  const draft = useMemo(() => readDraft(props.fields, texts, props.mode), [props.fields, texts, props.mode]);
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const count = props.fields.length;
  const move = (by: number) => {
    const next = Math.max(0, Math.min(count - 1, focusRef.current + by));
    focusRef.current = next;
    setFocus(next);
  };
  const submit = () => {
    const d = readDraft(props.fields, textsRef.current, props.mode);
    setTried(true);
    if (draftOk(d)) props.onSubmit(d.values);
  };
  const editing = props.active && !props.sending;
  // While sending, Esc still leaves (the request goes on; the screen says what became of it).
  useKeys((_input, key) => {
    if (key.escape) props.onCancel();
  }, { isActive: props.active && !!props.sending });
  const onFieldKey = (_input: string, key: Key): boolean => {
    if (key.tab && key.shift) move(-1);
    else if (key.tab || key.downArrow) move(1);
    else if (key.upArrow) move(-1);
    else return false;
    return true;
  };
  const labelWidth = Math.min(24, Math.max(...props.fields.map((f) => f.field.title.length + (f.required ? 1 : 0))) + 1);
  const inputWidth = Math.max(10, Math.floor((props.width - labelWidth - 4) * 0.5));
  const focused = props.fields[focus];
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')}>{props.title}</Text>
      {props.fields.map((f, i) => {
        const label = `${f.field.title}${f.required ? '*' : ''}`.padEnd(labelWidth);
        const problem = draft.errors[f.field.key];
        const showProblem = problem && (tried || (texts[f.field.key] ?? '') !== f.initial);
        return (
          <Box key={f.field.key}>
            <Text color={i === focus ? color('cyan') : undefined}>{`${i === focus ? '>' : ' '} ${label}`}</Text>
            <Box width={inputWidth + 2}>
              {i === focus && editing ? (
                <LineInput
                  value={texts[f.field.key] ?? ''}
                  width={inputWidth}
                  onChange={(v) => setTexts((t) => ({ ...t, [f.field.key]: v }))}
                  onSubmit={() => (focusRef.current < count - 1 ? move(1) : submit())}
                  onCancel={props.onCancel}
                  onKey={onFieldKey}
                />
              ) : (
                <Text wrap="truncate">{texts[f.field.key] || (f.field.choices ? `(${f.field.choices.join('|')})` : '')}</Text>
              )}
            </Box>
            {showProblem ? <Text color={color('red')} wrap="truncate">{`✗ ${f.field.title} ${problem}`}</Text> : null}
          </Box>
        );
      })}
      <Text dimColor wrap="truncate">{focused?.field.help ? `  ${focused.field.help}` : ' '}</Text>
      {props.sending ? <ProgressLine active text={props.sending} /> : null}
      {props.error && !props.sending ? <ErrorPanel error={props.error} title="The cloud refused it" hint="Fix and press Enter to send again   Esc cancel" /> : null}
      {tried && draft.formError ? <Text color={color('yellow')}>{`  ${draft.formError}`}</Text> : null}
      <Text dimColor>{'  Tab/↓ next   Shift-Tab/↑ previous   Enter next / send on the last field   Esc cancel'}</Text>
    </Box>
  );
}
