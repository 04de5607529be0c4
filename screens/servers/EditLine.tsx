import { Box } from 'ink';
import React, { useState } from 'react';
import { color } from '../theme.js';
import { LineInput } from '../widgets/LineInput.js';
import { Text } from '../widgets/Text.js';
import type { EditState } from './useServerEdit.js';

const DOCS = [
  { label: 'Enter', help: 'send it', footer: 'send' },
  { label: 'Esc', help: 'cancel (nothing is sent)', footer: 'cancel' },
];

/** The line of a detail-view edit: its question, why the last try was refused, and the text. */
export function EditLine(props: {
  state: EditState;
  width: number;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { state } = props;
  const [text, setText] = useState(state.text);
  if (state.running) return <Text dimColor>{`${state.edit.prompt}${text}  (sending…)`}</Text>;
  return (
    <Box flexDirection="column">
      {state.error ? (
        <Text color={color('red')} wrap="truncate">
          {state.error}
        </Text>
      ) : null}
      <LineInput
        prefix={state.edit.prompt}
        value={text}
        width={props.width}
        onChange={setText}
        onSubmit={props.onSubmit}
        onCancel={props.onCancel}
        docs={DOCS}
      />
    </Box>
  );
}
