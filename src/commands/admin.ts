import { adminHostCommands } from './adminHosts.js';
import { adminServerCommands } from './adminServers.js';
import { adminUsageCommands } from './adminUsage.js';
import type { CommandSpec } from './types.js';

/** The operator's views (issue 10): instance actions, consoles, migrations, hosts, services, quota and usage. */
export const adminCommands: CommandSpec[] = [...adminServerCommands, ...adminHostCommands, ...adminUsageCommands];
