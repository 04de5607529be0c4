import { floatingIpCommands } from './floatingIpCommands.js';
import { networkPartCommands } from './networkParts.js';
import { serverPartCommands } from './serverParts.js';

/**
 * What hangs off a server: metadata, name, tags (serverParts.ts); security groups and interfaces
 * (networkParts.ts); floating IPs (floatingIpCommands.ts).
 */
export const partCommands = [...serverPartCommands, ...networkPartCommands, ...floatingIpCommands];
