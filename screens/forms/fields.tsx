import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { Table, type Column } from '../widgets/Table.js';
import type { ListState } from './listNav.js';
import type { TextState } from './textEdit.js';

/** Presentational pieces shared by the forms: the form owns the keyboard, these only draw. */

export interface TextFieldProps {
  label: string;
  state: TextState;
  focused: boolean;
  labelWidth?: number;
  width: number;
  placeholder?: string;
  /** Shown after the value, dimmed (e.g. "1..7" or "2.0 KiB"). */
  note?: string;
  error?: string;
}

function Label(props: { label: string; focused: boolean; width: number }): React.JSX.Element {
  return (
    <Text bold={props.focused} color={props.focused ? color('cyan') : undefined}>
      {(props.focused ? '› ' : '  ') + props.label.padEnd(props.width)}
    </Text>
  );
}

export function TextField(props: TextFieldProps): React.JSX.Element {
  const lw = props.labelWidth ?? 14;
  const room = Math.max(8, props.width - lw - 4 - (props.note ? props.note.length + 2 : 0));
  const { value } = props.state;
  const cursor = Math.min(props.state.cursor, value.length);
  const start = Math.max(0, cursor - room + 1);
  const visible = value.slice(start, start + room);
  const at = cursor - start;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Label label={props.label} focused={props.focused} width={lw} />
        {props.focused ? (
          <>
            {visible.slice(0, at)}
            <Text inverse>{visible[at] ?? ' '}</Text>
            {visible.slice(at + 1)}
            {!value && props.placeholder ? <Text dimColor>{props.placeholder}</Text> : null}
          </>
        ) : value ? (
          visible
        ) : (
          <Text dimColor>{props.placeholder ?? ''}</Text>
        )}
        {props.note ? <Text dimColor>{`  ${props.note}`}</Text> : null}
      </Text>
      {props.error ? <FieldError text={props.error} indent={lw + 2} /> : null}
    </Box>
  );
}

/** The metadata field of the boot and snapshot forms (key=value pairs, src/forms/metadata.ts). */
export function MetadataField(props: {
  state: TextState;
  focused: boolean;
  width: number;
  example: string;
  error?: string;
}): React.JSX.Element {
  return (
    <TextField
      label="Metadata"
      state={props.state}
      focused={props.focused}
      width={props.width}
      placeholder={`key=value pairs, e.g. ${props.example} "note=two words"`}
      error={props.error}
    />
  );
}

export interface ChoiceFieldProps {
  label: string;
  options: string[];
  index: number;
  focused: boolean;
  labelWidth?: number;
  note?: string;
  error?: string;
}

/** One of a few values, changed with Left/Right. */
export function ChoiceField(props: ChoiceFieldProps): React.JSX.Element {
  const lw = props.labelWidth ?? 14;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Label label={props.label} focused={props.focused} width={lw} />
        {props.options.map((o, i) => (
          <Text key={i} inverse={props.focused && i === props.index} bold={i === props.index} dimColor={i !== props.index}>
            {i === props.index ? `[${o}]` : ` ${o} `}
          </Text>
        ))}
        {props.note ? <Text dimColor>{`  ${props.note}`}</Text> : null}
      </Text>
      {props.error ? <FieldError text={props.error} indent={lw + 2} /> : null}
    </Box>
  );
}

export function FieldError(props: { text: string; indent?: number }): React.JSX.Element {
  return (
    <Text color={color('red')} wrap="wrap">
      {' '.repeat(props.indent ?? 2) + props.text}
    </Text>
  );
}

export type StepStatus = 'ok' | 'error' | 'todo';

export interface StepBarProps {
  steps: Array<{ title: string; status: StepStatus }>;
  current: number;
  width: number;
}

/** 1 Details ✓ › 2 Source › ... (or without the arrows); narrow terminals get "Step 3/8 Flavor" and the marks. */
export function StepBar(props: StepBarProps): React.JSX.Element {
  const mark = (s: StepStatus) => (s === 'ok' ? '✓' : s === 'error' ? '✗' : '');
  const names = props.steps.map((s, i) => `${i + 1} ${s.title}${mark(s.status) ? ' ' + mark(s.status) : ''}`);
  // Every title, with arrows between when they fit, else with a space (the numbers part them: the boot form's nine steps at 120 columns).
  const sep = [' › ', ' '].find((x) => names.join(x).length <= props.width - 2);
  if (sep) {
    return (
      <Text wrap="truncate">
        {props.steps.map((s, i) => (
          <Text key={i}>
            {i > 0 ? <Text dimColor>{sep}</Text> : null}
            <Text
              bold={i === props.current}
              inverse={i === props.current}
              color={
                s.status === 'error' && i !== props.current
                  ? color('red')
                  : s.status === 'ok' && i !== props.current
                    ? color('green')
                    : undefined
              }
            >
              {`${i + 1} ${s.title}`}
            </Text>
            {mark(s.status) ? <Text color={color(s.status === 'ok' ? 'green' : 'red')}>{' ' + mark(s.status)}</Text> : null}
          </Text>
        ))}
      </Text>
    );
  }
  const cur = props.steps[props.current]!;
  return (
    <Text wrap="truncate">
      <Text bold inverse>{`Step ${props.current + 1}/${props.steps.length} ${cur.title}`}</Text>
      {props.steps[props.current + 1] ? <Text dimColor>{`  next: ${props.steps[props.current + 1]!.title}`}</Text> : null}
      {'  '}
      {props.steps.map((s, i) => (
        <Text
          key={i}
          bold={i === props.current}
          color={s.status === 'error' ? color('red') : s.status === 'ok' ? color('green') : undefined}
        >
          {`${i + 1}${mark(s.status) || '·'} `}
        </Text>
      ))}
    </Text>
  );
}

/** One line under a form's body: what just happened or why a key did nothing. */
export interface FormMessage {
  text: string;
  tone?: 'info' | 'error' | 'success';
}

/** The keys every step of a form has. */
export const STEP_KEYS = 'Tab next step  Shift-Tab back  Esc cancel';

/** The step bar of a form that picks one thing, then reviews the request (rebuild, resize). */
export function pickThenReview(pickTitle: string, picked: boolean, picking: boolean): { steps: StepBarProps['steps']; current: number } {
  return {
    steps: [
      { title: pickTitle, status: picked ? 'ok' : 'todo' },
      { title: 'Review', status: 'todo' },
    ],
    current: picking ? 0 : 1,
  };
}

export interface FormFrameProps {
  title: string;
  width: number;
  steps?: StepBarProps['steps'];
  current?: number;
  children: React.ReactNode;
  message?: FormMessage;
  hints: string;
}

export function FormFrame(props: FormFrameProps): React.JSX.Element {
  const tone = props.message?.tone ?? 'info';
  return (
    // The inner column keeps its lines whole: in a short terminal the last ones are cut off, where
    // a shrinking column would draw its lines over each other.
    <Box flexDirection="column" width={props.width} overflow="hidden">
      <Box flexDirection="column" flexShrink={0}>
        <Text bold wrap="truncate">
          {props.title}
        </Text>
        {props.steps ? <StepBar steps={props.steps} current={props.current ?? 0} width={props.width} /> : null}
        <Box flexDirection="column" marginTop={props.steps ? 1 : 0}>
          {props.children}
        </Box>
        {props.message ? (
          <Text wrap="wrap" color={color(tone === 'error' ? 'red' : tone === 'success' ? 'green' : 'yellow')}>
            {props.message.text}
          </Text>
        ) : null}
        <Text dimColor wrap="truncate">
          {props.hints}
        </Text>
      </Box>
    </Box>
  );
}

export interface PickListProps<T> {
  columns: Array<Column<T>>;
  rows: T[];
  /** Cursor (kept on a row when the rows shrink) and filter text. */
  list: ListState;
  height: number;
  width: number;
  filterable?: boolean;
  disabledReason?: (row: T) => string | undefined;
  /** The row currently chosen in the draft: marked with ●. */
  picked?: (row: T) => boolean;
  emptyText?: string;
}

/** A filterable table of choices, with the chosen row marked and unusable rows dimmed with their reason. */
export function PickList<T>(props: PickListProps<T>): React.JSX.Element {
  const columns: Array<Column<T>> = props.picked
    ? [{ key: '__picked', title: ' ', width: 1, value: (r) => (props.picked!(r) ? '●' : ' ') }, ...props.columns]
    : props.columns;
  const tableHeight = Math.max(1, props.height - (props.filterable ? 1 : 0) - 2);
  return (
    <Box flexDirection="column">
      {props.filterable ? (
        <Text wrap="truncate">
          <Text dimColor>{'  filter: '}</Text>
          {props.list.filter ? <Text>{props.list.filter}</Text> : <Text dimColor>type to filter</Text>}
        </Text>
      ) : null}
      <Table
        columns={columns}
        rows={props.rows}
        cursor={Math.min(props.list.cursor, Math.max(0, props.rows.length - 1))}
        height={tableHeight}
        width={props.width}
        disabledReason={props.disabledReason}
        emptyText={props.emptyText}
      />
    </Box>
  );
}

/** Until a form's data is there: a spinner, then why it could not be loaded (Ctrl-R retries). */
export function LoadFrame(props: {
  title: string;
  width: number;
  loading: boolean;
  error: unknown;
  loadingText: string;
  errorTitle: string;
}): React.JSX.Element {
  return (
    <FormFrame title={props.title} width={props.width} hints={props.loading ? 'Esc cancel' : 'Ctrl-R retry   Esc cancel'}>
      {props.loading ? <ProgressLine text={props.loadingText} active /> : <ErrorPanel title={props.errorTitle} error={props.error} />}
    </FormFrame>
  );
}

/** A key/value line of a review. */
export function ReviewLine(props: { label: string; value: string; labelWidth?: number; color?: string }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      <Text dimColor>{'  ' + props.label.padEnd(props.labelWidth ?? 20)}</Text>
      <Text color={props.color}>{props.value}</Text>
    </Text>
  );
}
