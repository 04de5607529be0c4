import { cloudCommands } from './cloud.js';
import { flavorCommands } from './flavors.js';
import { imageCommands } from './images.js';
import { keypairCommands } from './keypairs.js';
import { shellCommands } from './shell.js';
import { serverCommands } from './servers.js';
import type { CommandSpec } from './types.js';

/** The one table of commands, used by the one-shot CLI and the app's ':' prompt alike. */
export const COMMANDS: CommandSpec[] = [...serverCommands, ...imageCommands, ...flavorCommands, ...keypairCommands, ...cloudCommands, ...shellCommands];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

import { registerTable } from './shell.js';
registerTable(COMMANDS);
