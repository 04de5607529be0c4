import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useState } from 'react';
import { LineInput } from '../widgets/LineInput.js';

/** A masked field for a secret the cloud needs; what is typed is kept in memory only, never stored. */
export function PasswordPrompt(props: {
  question: string;
  width: number;
  onSubmit: (value: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const [value, setValue] = useState('');
  return (
    <Box flexDirection="column">
      <Text>{props.question.trim()}</Text>
      <Box borderStyle="round" paddingX={1} width={Math.min(60, props.width - 2)}>
        <LineInput
          value={value}
          mask="*"
          width={Math.min(56, props.width - 6)}
          onChange={setValue}
          onSubmit={(v) => {
            setValue('');
            props.onSubmit(v);
          }}
          onCancel={() => {
            setValue('');
            props.onCancel();
          }}
        />
      </Box>
      <Text dimColor wrap="truncate">
        Enter signs in · kept in memory only, never stored · Esc cancels
      </Text>
    </Box>
  );
}
