import React, { useState } from 'react';
import type { ServerGroup } from '../../src/managers/serverGroups.js';
import { describeError } from '../../src/session/errors.js';
import { useApp } from '../app/context.js';
import { KeyLayerScope } from '../keys/KeyboardProvider.js';
import { READ_ONLY_REFUSAL } from '../keys/keymap.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';

export interface GroupDelete {
  /** Asks first (only `y` deletes). */
  ask: (g: ServerGroup) => void;
  /** The confirmation while it asks, else null. */
  dialog: React.ReactNode;
}

/** `d` on a server group, from the list or its detail: a `y` confirmation, then DELETE, then `onDeleted`. */
export function useDeleteGroup(onDeleted: (g: ServerGroup) => void): GroupDelete {
  const app = useApp();
  const [asking, setAsking] = useState<ServerGroup>();
  const run = async (g: ServerGroup) => {
    setAsking(undefined);
    app.notify(`Deleting server group ${g.name || g.id}…`);
    try {
      await app.managers.serverGroups.delete(g.id);
      app.managers.cache.remove('server-group', [g.id]);
      app.notify(`Server group ${g.name || g.id} deleted.`, 'success');
      onDeleted(g);
    } catch (err) {
      app.notify(`Cannot delete server group ${g.name || g.id}: ${describeError(err)}`, 'error');
    }
  };
  const members = asking?.members.length ?? 0;
  // Above the screen's keys: while it asks, the footer names only its answers.
  const dialog = asking ? (
    <KeyLayerScope layer="overlay">
      <ConfirmDialog
        title="Delete server group"
        message={`Delete server group ${asking.name || asking.id} (${asking.id})?${members ? ` Its ${members} server${members === 1 ? '' : 's'} stay, in no group.` : ''}`}
        confirmLabel="delete"
        destructive
        onConfirm={() => void run(asking)}
        onCancel={() => setAsking(undefined)}
      />
    </KeyLayerScope>
  ) : null;
  const ask = (g: ServerGroup) => (app.readOnly ? app.notify(READ_ONLY_REFUSAL, 'error') : setAsking(g));
  return { ask, dialog };
}
