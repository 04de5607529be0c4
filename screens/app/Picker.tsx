import { Box, Text } from 'ink';
import React from 'react';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { SelectList, type SelectItem } from '../widgets/SelectList.js';

export interface PickerProps {
  title: string;
  /** undefined while loading. */
  items?: Array<SelectItem<string>>;
  error?: unknown;
  height: number;
  onSelect: (value: string) => void;
  onCancel: () => void;
}

/** Choose one of a list (a cloud of clouds.yaml, a project): Enter picks, Esc cancels. */
export function Picker(props: PickerProps): React.JSX.Element {
  const current = Math.max(0, props.items?.findIndex((i) => i.hint === 'current') ?? 0);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('cyan')} paddingX={1} height={Math.min(props.height, (props.items?.length ?? 1) + 6)}>
      {props.error ? (
        <>
          <ErrorPanel error={props.error} title={props.title} hint="Esc back" />
          <SelectList items={[]} height={1} onSelect={() => undefined} onCancel={props.onCancel} emptyText=" " />
        </>
      ) : props.items === undefined ? (
        <>
          <Text bold>{props.title}</Text>
          <Text dimColor>Loading…</Text>
          <SelectList items={[]} height={1} onSelect={() => undefined} onCancel={props.onCancel} emptyText=" " />
        </>
      ) : (
        <SelectList title={props.title} items={props.items} initialIndex={current} height={Math.min(props.height - 2, props.items.length + 2)} onSelect={props.onSelect} onCancel={props.onCancel} />
      )}
    </Box>
  );
}
