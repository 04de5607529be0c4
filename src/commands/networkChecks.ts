/** What the network commands check before they send anything, and the argument they share. */
import type { Managers } from '../managers/index.js';
import { looksLikeUuid } from '../managers/find.js';
import { isIP } from 'node:net';
import { UsageError } from '../session/errors.js';
import type { PositionalSpec } from './types.js';

export const SERVER_ARG: PositionalSpec = { name: 'server', required: true, completer: 'server', help: 'Name, human id or ID' };

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function checkAddress(value: string | undefined, what: string): void {
  if (value !== undefined && !isIP(value)) throw new UsageError(`${what} '${value}' is not an IP address (e.g. 10.0.0.5 or fd00::5).`);
}

export function checkPortId(value: string | undefined, what: string): void {
  if (value !== undefined && !looksLikeUuid(value))
    throw new UsageError(`${what} '${value}' is not a port ID: a port ID is a UUID (see novash interface-list <server>).`);
}

export async function needNeutron(m: Managers, what: string): Promise<void> {
  if (!(await m.networks.available())) throw new UsageError(`${what} needs Neutron, and this cloud has no network service in its catalog.`);
}
