import React from 'react';
import type { Managers } from '../../../src/managers/index.js';
import { describeError } from '../../../src/session/errors.js';
import { ConfirmDialog } from '../../widgets/ConfirmDialog.js';
import type { BootState } from './state.js';

/** Esc on a form with values in it. Not destructive (nothing in the cloud): Enter discards too. */
export function CancelDialog(props: { onDiscard: () => void; onKeep: () => void }): React.JSX.Element {
  return (
    <ConfirmDialog
      title="Discard the boot form?"
      message="Nothing has been sent. The values you entered will be lost."
      confirmLabel="discard"
      onConfirm={props.onDiscard}
      onCancel={props.onKeep}
    />
  );
}

/** d after servers went to ERROR: deletes them (destructive: only y). */
export function DeleteFailedDialog(props: {
  s: BootState;
  managers: Managers;
  mounted: { current: boolean };
  update: (fn: (s: BootState) => BootState) => void;
}): React.JSX.Element {
  const { update, mounted } = props;
  const failed = (props.s.watch ?? []).filter((w) => w.server?.status === 'ERROR');
  const names = failed.map((w) => w.name).join(', ');
  return (
    <ConfirmDialog
      title="Delete the failed servers?"
      message={`Delete ${failed.map((w) => `${w.name} (${w.id})`).join(', ')}? They are in ERROR and hold quota.`}
      confirmLabel="delete"
      destructive
      onConfirm={() => {
        update((x) => ({ ...x, phase: 'progress', message: { text: `Deleting ${names}…` } }));
        void Promise.all(failed.map((w) => props.managers.servers.delete(w.id))).then(
          () => mounted.current && update((x) => ({ ...x, message: { text: `Delete requested for ${names}.`, tone: 'success' } })),
          (err: unknown) =>
            mounted.current && update((x) => ({ ...x, message: { text: `Delete failed: ${describeError(err)}`, tone: 'error' } })),
        );
      }}
      onCancel={() => update((x) => ({ ...x, phase: 'progress' }))}
    />
  );
}
