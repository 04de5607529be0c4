import type { Managers } from '../managers/index.js';
import type { Server } from '../managers/types.js';
import { ApiError, ConnectionError } from '../session/errors.js';

/**
 * A create whose answer was lost (connection reset or timeout after sending, a gateway's 502/504)
 * may or may not have happened in the cloud. It is never sent again: the user is told so, and for
 * a boot the servers it may have made are looked for by name and creation time.
 */
export function answerLost(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  return err instanceof ApiError && (err.status === 502 || err.status === 504);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A create that may have happened: exit 1 with the message (never a retry). */
export class LostAnswerError extends Error {
  override name = 'LostAnswerError';
  constructor(
    message: string,
    readonly lost: Error,
  ) {
    super(message);
  }
}

/** Servers of this exact name created since `since` (ms, local clock with some slack): what a lost boot may have made. */
export async function findPossiblyBooted(m: Managers, name: string, since: number): Promise<Server[] | undefined> {
  try {
    const servers = await m.servers.list({ name: `^${escapeRegex(name)}(-\\d+)?$` });
    const after = since - 5 * 60_000;
    return servers.filter((s) => !s.created || Date.parse(s.created) >= after);
  } catch {
    return undefined;
  }
}

/** The message for a boot whose answer was lost, naming what was found. */
export async function lostBootMessage(m: Managers, err: Error, name: string, since: number): Promise<string> {
  const why = err instanceof ApiError ? err.describe() : err.message;
  const found = await findPossiblyBooted(m, name, since);
  const check = `check with 'novash list --name ${name}' before booting again`;
  if (found === undefined) return `${why}. The boot request was sent and may have created the server; nothing was sent again: ${check}.`;
  if (!found.length) return `${why}. The boot request was sent; no server named '${name}' shows yet, but it may still appear: ${check}.`;
  const list = found.map((s) => `${s.name} (${s.id}, ${s.status})`).join(', ');
  return `${why}. The boot request was sent and probably created: ${list}. Nothing was sent again; see 'novash show ${found[0]!.id}'.`;
}

/** The message for an image-making action (backup, snapshot) whose answer was lost. */
export function lostImageMessage(err: Error, what: string, serverName: string): string {
  const why = err instanceof ApiError ? err.describe() : err.message;
  return `${why}. The ${what} request was sent and may have started an image: check with 'novash image-list --server ${serverName}' before trying again.`;
}
