import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import type { CheckState } from './outcome.js';

/** "c check" after a lost answer: what the cloud says about whether the request was done. */

/** createImage / createBackup: is there an image of that name made from the server? */
export async function findMadeImage(
  managers: Managers,
  server: { id: string; name: string },
  name: string,
): Promise<{ check: CheckState; imageId?: string }> {
  const found = (await managers.images.list({ name })).filter((i) => i.instanceUuid === server.id);
  const made = found[0];
  return {
    imageId: made?.id,
    check: made
      ? { kind: 'found', text: `It was made: image ${made.id} '${made.name || name}' is ${made.status}.` }
      : { kind: 'absent', text: `No image named '${name}' of ${server.name} exists: nothing was made.` },
  };
}

/** A server action (rebuild, resize...): `started` tells from the server's state whether it began. */
export async function checkServerAction(
  managers: Managers,
  serverId: string,
  started: (s: Server) => boolean,
  absent: (s: Server) => string,
): Promise<{ check: CheckState }> {
  const s = await managers.servers.get(serverId);
  return {
    check: started(s)
      ? { kind: 'found', text: `It was done: ${s.name} is ${s.status}${s.taskState ? ` (${s.taskState})` : ''}.` }
      : { kind: 'absent', text: absent(s) },
  };
}
