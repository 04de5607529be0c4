/**
 * The guided forms (boot, backup, snapshot, resize, rebuild). This file is the contract between
 * the app and the forms: the app mounts one of these in its body and suspends its own keys while
 * it is open; the form calls onClose when it is done or cancelled.
 * (Placeholder implementations until the forms land.)
 */
import { Text, useInput } from 'ink';
import React from 'react';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';

export type FormOutcome =
  | { kind: 'server'; serverId: string }
  | { kind: 'image'; imageId: string }
  | { kind: 'cancelled' };

export interface FormHostProps {
  managers: Managers;
  readOnly: boolean;
  width: number;
  height: number;
  onClose: (outcome: FormOutcome) => void;
}

function Placeholder(props: FormHostProps & { what: string }): React.JSX.Element {
  useInput((_i, key) => {
    if (key.escape) props.onClose({ kind: 'cancelled' });
  });
  return <Text>{`The ${props.what} form is not available yet. Esc to go back.`}</Text>;
}

export function BootForm(props: FormHostProps): React.JSX.Element {
  return <Placeholder {...props} what="boot" />;
}
export function BackupForm(props: FormHostProps & { server?: Server }): React.JSX.Element {
  return <Placeholder {...props} what="backup" />;
}
export function SnapshotForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  return <Placeholder {...props} what="snapshot" />;
}
export function ResizeForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  return <Placeholder {...props} what="resize" />;
}
export function RebuildForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  return <Placeholder {...props} what="rebuild" />;
}
