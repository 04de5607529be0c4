import { Box } from 'ink';
import React from 'react';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { color } from '../theme.js';
import { Text } from './Text.js';

export interface ConfirmDialogProps {
  title: string;
  /** Names exactly what will happen, e.g. "Delete server vm1 (3f2a...)?" */
  message: string;
  /** The verb of the answer: "delete", "reboot (soft)". */
  confirmLabel?: string;
  /** It destroys something (a server, a disk, backups): only y confirms; every other key cancels. */
  destructive?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The answer a key gives to a confirmation (undefined: not an answer, the dialog waits). */
export function confirmAnswer(destructive: boolean, name: string): 'yes' | 'no' | undefined {
  if (name === 'y' || name === 'Y') return 'yes';
  if (destructive) return 'no';
  if (name === 'enter') return 'yes';
  if (name === 'n' || name === 'N' || name === 'esc') return 'no';
  return undefined;
}

/**
 * Every confirmation of the app. A destructive one needs `y`: Enter, Esc, n or any other key means
 * no, so an Enter typed ahead (Delete, Enter, Enter in the menu) never destroys anything. The
 * others take y or Enter for yes, n or Esc for no.
 */
export function ConfirmDialog(props: ConfirmDialogProps): React.JSX.Element {
  const destructive = props.destructive === true;
  const label = props.confirmLabel ?? 'confirm';
  const docs: KeyDoc[] = destructive
    ? [
        { label: 'y', help: label, footer: label },
        { label: 'any other key', help: 'cancel', footer: 'cancel' },
      ]
    : [
        { label: 'y/Enter', help: label, footer: 'yes' },
        { label: 'n/Esc', help: 'cancel', footer: 'no' },
      ];
  useKeyOwner(
    (press) => {
      const answer = confirmAnswer(destructive, press.name);
      if (answer === 'yes') props.onConfirm();
      else if (answer === 'no') props.onCancel();
    },
    { modal: true, docs },
  );
  // In a terminal too small for the whole message, the message gives up lines, inside the frame:
  // the title and the answer line stay.
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(destructive ? 'red' : 'yellow')} paddingX={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text bold wrap="truncate">
          {props.title}
        </Text>
      </Box>
      <Box flexShrink={1} overflow="hidden">
        <Text>{props.message}</Text>
      </Box>
      <Box flexShrink={0}>
        <Text dimColor>{destructive ? `y to ${label}, any other key to cancel` : `[y/Enter] ${label}   [n/Esc] cancel`}</Text>
      </Box>
    </Box>
  );
}
