import { Box } from 'ink';
import React from 'react';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { SelectList, type SelectItem } from '../widgets/SelectList.js';
import { Text } from '../widgets/Text.js';

export interface PickerProps {
  title: string;
  /** undefined while loading: keys typed meanwhile wait for the list (Esc cancels at once). */
  items?: Array<SelectItem<string>>;
  error?: unknown;
  height: number;
  onSelect: (value: string) => void;
  onCancel: () => void;
}

/** Choose one of a list (a cloud of clouds.yaml, a project): Enter picks, Esc cancels. */
export function Picker(props: PickerProps): React.JSX.Element {
  const current = Math.max(0, props.items?.findIndex((i) => i.hint === 'current') ?? 0);
  const loading = props.items === undefined && !props.error;
  const listed = !props.error && props.items !== undefined;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={color('cyan')}
      paddingX={1}
      // An error panel takes five rows (its border, title, message, hint) beside the one-row list.
      height={Math.min(props.height, props.error ? 9 : (props.items?.length ?? 1) + 6)}
    >
      {props.error ? <ErrorPanel error={props.error} title={props.title} hint="Esc back" /> : null}
      {loading ? <Text bold>{props.title}</Text> : null}
      {loading ? <Text dimColor>Loading…</Text> : null}
      {/* One list in every state, so the keys typed while it loads stay with it; on an error only Esc means something. */}
      <SelectList
        key={props.items ? 'items' : 'none'}
        title={listed ? props.title : undefined}
        items={listed ? (props.items ?? []) : []}
        initialIndex={current}
        loading={loading}
        height={listed ? Math.min(props.height - 2, (props.items?.length ?? 0) + 2) : 1}
        onSelect={props.onSelect}
        onCancel={props.onCancel}
        emptyText={listed ? undefined : ' '}
      />
    </Box>
  );
}
