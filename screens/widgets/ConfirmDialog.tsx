import { Box, Text } from 'ink';
import React from 'react';
import { color } from '../theme.js';
import { useKeys } from '../hooks/useKeys.js';

export interface ConfirmDialogProps {
  title: string;
  /** Names exactly what will happen, e.g. "Delete server vm1 (3f2a...)?" */
  message: string;
  confirmLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** y / Enter confirms, n / Esc cancels. Destructive actions always pass through here. */
export function ConfirmDialog(props: ConfirmDialogProps): React.JSX.Element {
  useKeys((input, key) => {
    if (input === 'y' || input === 'Y' || key.return) props.onConfirm();
    else if (input === 'n' || input === 'N' || key.escape) props.onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(props.danger ? 'red' : 'yellow')} paddingX={1}>
      <Text bold>{props.title}</Text>
      <Text>{props.message}</Text>
      <Text dimColor>{`[y/Enter] ${props.confirmLabel ?? 'confirm'}   [n/Esc] cancel`}</Text>
    </Box>
  );
}
