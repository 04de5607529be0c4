import { ADMIN_OPERATIONS } from '../operations/adminOperations.js';
import { OPERATOR_OPERATIONS } from '../operations/operatorOperations.js';
import { SERVER_OPERATIONS } from '../operations/serverOperations.js';
import { adminCommands } from './admin.js';
import { appCommands } from './app.js';
import { cloudCommands } from './cloud.js';
import { flavorCommands } from './flavors.js';
import { imageCommands } from './images.js';
import { keypairCommands } from './keypairs.js';
import { partCommands } from './parts.js';
import { serverGroupCommands } from './serverGroups.js';
import { serverOperationCommand } from './serverOperationCommands.js';
import { serverCommands } from './servers.js';
import { registerTable, shellCommands } from './shell.js';
import type { CommandSpec } from './types.js';

/** Server commands that open a guided form in the app when given no more than the server. */
const APP_FORMS: Record<string, CommandSpec['appForm']> = { boot: { form: 'boot', maxArgs: 0 } };

function withAppBehaviour(c: CommandSpec): CommandSpec {
  const form = c.operation?.form;
  if (form) return { ...c, appForm: { form, maxArgs: 1 } };
  if (APP_FORMS[c.name]) return { ...c, appForm: APP_FORMS[c.name] };
  // `:limits` alone opens the limits screen; with options it runs like the CLI's.
  if (c.name === 'limits')
    return { ...c, app: (input) => (Object.keys(input.options).length ? undefined : { kind: 'jump', screen: 'limits' }) };
  return c;
}

/**
 * The one table of commands: the one-shot CLI, the app's ':' prompt and action menu, help and
 * shell completion all read it. Server operations (src/operations) become rows here.
 */
export const COMMANDS: CommandSpec[] = [
  ...serverCommands,
  ...[...SERVER_OPERATIONS, ...OPERATOR_OPERATIONS, ...ADMIN_OPERATIONS].map(serverOperationCommand),
  ...partCommands,
  ...serverGroupCommands,
  ...adminCommands,
  ...imageCommands,
  ...flavorCommands,
  ...keypairCommands,
  ...cloudCommands,
  ...shellCommands,
  ...appCommands,
].map(withAppBehaviour);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

registerTable(COMMANDS);
