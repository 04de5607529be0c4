import type { FormName } from '../../src/app/promptCommands.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';

/** One entry of a server's actions menu. */
export interface ServerAction {
  id: string;
  label: string;
  hotkey: string;
  /** Shown only when it makes sense for the server's state (as Horizon does). */
  applies: (s: Server) => boolean;
  /** A question naming the server, when the action is destructive. */
  confirm?: (s: Server) => string;
  /** Simple actions: one request. */
  run?: (m: Managers, s: Server) => Promise<unknown>;
  /** Actions that need choices open a guided form. */
  form?: FormName;
  /** What the status line says once Nova accepted it. */
  done?: (s: Server) => string;
}

const is = (...statuses: string[]) => (s: Server) => statuses.includes(s.status);
const idle = (s: Server) => !s.taskState;
const who = (s: Server) => `${s.name} (${s.id})`;

export const SERVER_ACTIONS: ServerAction[] = [
  { id: 'start', label: 'Start', hotkey: 's', applies: (s) => is('SHUTOFF')(s) && idle(s), run: (m, s) => m.servers.start(s.id) },
  {
    id: 'stop', label: 'Stop (power off)', hotkey: 'o', applies: (s) => is('ACTIVE', 'ERROR', 'PAUSED', 'SUSPENDED', 'RESCUE', 'VERIFY_RESIZE')(s),
    confirm: (s) => `Stop server ${who(s)}? Its guest is powered off.`, run: (m, s) => m.servers.stop(s.id),
  },
  {
    id: 'reboot', label: 'Reboot (soft)', hotkey: 'r', applies: is('ACTIVE', 'SHUTOFF', 'ERROR', 'REBOOT'),
    confirm: (s) => `Reboot server ${who(s)}? Its guest is asked to restart.`, run: (m, s) => m.servers.reboot(s.id, false),
  },
  {
    id: 'hard-reboot', label: 'Reboot (hard)', hotkey: 'R', applies: is('ACTIVE', 'SHUTOFF', 'ERROR', 'REBOOT', 'HARD_REBOOT', 'PAUSED', 'SUSPENDED'),
    confirm: (s) => `Hard reboot server ${who(s)}? It is power-cycled, like pulling the plug.`, run: (m, s) => m.servers.reboot(s.id, true),
  },
  { id: 'pause', label: 'Pause', hotkey: 'p', applies: (s) => is('ACTIVE')(s) && idle(s), run: (m, s) => m.servers.pause(s.id) },
  { id: 'unpause', label: 'Unpause', hotkey: 'P', applies: is('PAUSED'), run: (m, s) => m.servers.unpause(s.id) },
  {
    id: 'suspend', label: 'Suspend', hotkey: 'u', applies: (s) => is('ACTIVE')(s) && idle(s),
    confirm: (s) => `Suspend server ${who(s)}? Its memory is saved to disk and it stops running.`, run: (m, s) => m.servers.suspend(s.id),
  },
  { id: 'resume', label: 'Resume', hotkey: 'U', applies: is('SUSPENDED'), run: (m, s) => m.servers.resume(s.id) },
  { id: 'lock', label: 'Lock', hotkey: 'l', applies: (s) => s.locked !== true, run: (m, s) => m.servers.lock(s.id), done: (s) => `Server ${s.name} locked.` },
  { id: 'unlock', label: 'Unlock', hotkey: 'L', applies: (s) => s.locked !== false, run: (m, s) => m.servers.unlock(s.id), done: (s) => `Server ${s.name} unlocked.` },
  { id: 'resize', label: 'Resize… (pick a flavor)', hotkey: 'z', applies: (s) => is('ACTIVE', 'SHUTOFF')(s) && idle(s), form: 'resize' },
  {
    id: 'resize-confirm', label: 'Confirm resize', hotkey: 'c', applies: is('VERIFY_RESIZE'),
    run: (m, s) => m.servers.confirmResize(s.id),
  },
  {
    id: 'resize-revert', label: 'Revert resize', hotkey: 'v', applies: is('VERIFY_RESIZE'),
    confirm: (s) => `Revert the resize of server ${who(s)}? It goes back to its old flavor.`, run: (m, s) => m.servers.revertResize(s.id),
  },
  { id: 'rebuild', label: 'Rebuild… (pick an image)', hotkey: 'e', applies: (s) => is('ACTIVE', 'SHUTOFF', 'ERROR')(s) && idle(s), form: 'rebuild' },
  { id: 'backup', label: 'Backup…', hotkey: 'b', applies: (s) => is('ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED')(s) && idle(s), form: 'backup' },
  { id: 'snapshot', label: 'Snapshot…', hotkey: 'n', applies: (s) => is('ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED')(s) && idle(s), form: 'snapshot' },
  {
    id: 'delete', label: 'Delete', hotkey: 'd', applies: () => true,
    confirm: (s) => `Delete server ${who(s)}? This cannot be undone.`, run: (m, s) => m.servers.delete(s.id),
    done: (s) => `Delete of server ${s.name} requested.`,
  },
];

export function actionsFor(s: Server): ServerAction[] {
  return SERVER_ACTIONS.filter((a) => a.applies(s));
}
