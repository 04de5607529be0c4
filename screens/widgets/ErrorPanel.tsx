import { Box } from 'ink';
import { Text } from './Text.js';
import React from 'react';
import { describeError } from '../../src/session/errors.js';
import { color } from '../theme.js';

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  /** Keys the user can press here, shown under the message (e.g. "r retry  q quit"). */
  hint?: string;
}

/** An error as one readable message with its request id: never a stack trace. */
export function ErrorPanel(props: ErrorPanelProps): React.JSX.Element {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
      <Text bold color={color('red')}>
        {props.title ?? 'Error'}
      </Text>
      <Text>{describeError(props.error)}</Text>
      {props.hint ? <Text dimColor>{props.hint}</Text> : null}
    </Box>
  );
}
