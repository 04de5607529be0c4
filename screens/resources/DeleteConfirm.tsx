import { Box, Text } from 'ink';
import React from 'react';
import { useResourceKeys } from './useResourceKeys.js';
import { color } from '../theme.js';

/**
 * A destructive confirmation: only `y` goes ahead; `n`, Esc and Enter keep the item (Enter must
 * never mean yes here: a stray Enter from the list would otherwise delete).
 */
export function DeleteConfirm(props: { title: string; message: string; onYes: () => void; onNo: () => void }): React.JSX.Element {
  useResourceKeys((input, key) => {
    if (input === 'y' || input === 'Y') props.onYes();
    else if (input === 'n' || input === 'N' || key.escape || key.return) props.onNo();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
      <Text bold>{props.title}</Text>
      <Text>{props.message}</Text>
      <Text dimColor>{'[y] delete   [n/Esc/Enter] keep it'}</Text>
    </Box>
  );
}
