/** boot --hint KEY=VALUE: Nova's `os:scheduler_hints`, with groups and servers named as users name them. */
import type { Managers } from '../managers/index.js';
import type { SchedulerHints } from '../managers/serverUpdate.js';
import { UsageError } from '../session/errors.js';
import { findServerGroup } from './serverGroups.js';

/** Hints whose values are servers (Nova's SameHostFilter / DifferentHostFilter take server ids). */
const SERVER_HINTS = ['same_host', 'different_host'];

/** `--hint key=value` (repeatable): a repeated key becomes a list, as novaclient sends it; group once only. */
export function parseHints(values: string[]): Map<string, string[]> {
  const hints = new Map<string, string[]>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1)
      throw new UsageError(`--hint '${v}' is not of the form key=value (e.g. group=<server group>, same_host=<server>).`);
    const key = v.slice(0, eq);
    hints.set(key, [...(hints.get(key) ?? []), v.slice(eq + 1)]);
  }
  if ((hints.get('group')?.length ?? 0) > 1)
    throw new UsageError('--hint group= can be given once: a server is in at most one server group.');
  return hints;
}

/** The hints as Nova takes them: the group and the servers resolved to their ids (nothing sent yet). */
export async function resolveHints(m: Managers, hints: Map<string, string[]>): Promise<SchedulerHints | undefined> {
  if (!hints.size) return undefined;
  const out: SchedulerHints = {};
  for (const [key, values] of hints) {
    if (key === 'group') out.group = (await findServerGroup(m, values[0]!)).id;
    else if (SERVER_HINTS.includes(key)) out[key] = await Promise.all(values.map(async (v) => (await m.servers.find(v)).id));
    else out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}
