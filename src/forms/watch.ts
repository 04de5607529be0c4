import type { Managers } from '../managers/index.js';
import type { Image, Server } from '../managers/types.js';
import { NotFoundError, describeError } from '../session/errors.js';
import { DEAD_IMAGE, poll, pollInterval, sleep } from '../operations/follow.js';
import { reached, type Settle } from '../operations/states.js';

/**
 * What the forms' progress views follow after a submit: new servers until they settle, a
 * snapshot / backup image until it is active and its server idle again. Plain polling over the
 * managers; the views render each report.
 */

export interface ServerWatchState {
  id: string;
  name: string;
  server?: Server;
  /** 404: the server is gone (deleted meanwhile). */
  gone?: boolean;
  /** The last poll failed (the watch goes on). */
  pollError?: string;
}

const BOOTED: Settle = { status: ['ACTIVE'] };
const IDLE_OR_STOPPED: Settle = { status: ['ACTIVE', 'SHUTOFF'] };

/** ACTIVE with no task, ERROR, or gone: nothing more will happen on its own. */
export function serverSettled(w: ServerWatchState, target: (s: Server) => boolean = (s) => reached(BOOTED, s)): boolean {
  if (w.gone) return true;
  const s = w.server;
  return !!s && (s.status === 'ERROR' || target(s));
}

/** A rebuilt / resized server is done: ACTIVE again (or SHUTOFF: Nova keeps a stopped server stopped), with no task. */
export function idleOrStopped(s: Server): boolean {
  return reached(IDLE_OR_STOPPED, s);
}

/** Polls every server each round until all are settled; reports the whole list each round. */
export async function watchServers(
  managers: Managers,
  servers: Array<{ id: string; name: string }>,
  onUpdate: (states: ServerWatchState[]) => void,
  options: { intervalMs?: number; signal?: AbortSignal; target?: (s: Server) => boolean } = {},
): Promise<ServerWatchState[]> {
  let states: ServerWatchState[] = servers.map((s) => ({ id: s.id, name: s.name }));
  return poll(
    async (signal) => {
      states = await Promise.all(
        states.map(async (w) => {
          if (serverSettled(w, options.target)) return w;
          try {
            const server = await managers.servers.get(w.id, signal);
            return { id: w.id, name: server.name || w.name, server };
          } catch (err) {
            if (err instanceof NotFoundError) return { ...w, gone: true, pollError: undefined };
            if (signal?.aborted) throw err;
            return { ...w, pollError: describeError(err) };
          }
        }),
      );
      return states;
    },
    onUpdate,
    (list) => list.every((w) => serverSettled(w, options.target)),
    { intervalMs: options.intervalMs, signal: options.signal },
  );
}

export type ImageWatchPhase = 'uploading' | 'rotating' | 'done' | 'failed';

export interface ImageWatchState {
  phase: ImageWatchPhase;
  imageId?: string;
  image?: Image;
  /** The image is gone (rotation 0 deletes the new backup too). */
  imageGone?: boolean;
  server?: Server;
  /** Backups of the type left in Glance, newest first (backup only, while rotating and after). */
  kept?: Image[];
  /** Why it failed (image killed, server ERROR). */
  failure?: string;
  pollError?: string;
  elapsedMs: number;
}

export interface ImageWatchOptions {
  intervalMs?: number;
  signal?: AbortSignal;
  /** A backup: after the upload, wait until Nova's rotation has left at most `rotation` of `type`. */
  backup?: { type: string; rotation: number };
  /** How many extra rounds to give the rotation (default 30). */
  rotationRounds?: number;
}

/**
 * createImage / createBackup progress: the image queued -> saving -> active (with its size) and the
 * server's task state back to none, both until settled; then, for a backup, the rotation.
 */
export async function watchImage(
  managers: Managers,
  serverId: string,
  imageId: string | undefined,
  onUpdate: (state: ImageWatchState) => void,
  options: ImageWatchOptions = {},
): Promise<ImageWatchState> {
  const started = Date.now();
  let st: ImageWatchState = { phase: 'uploading', imageId, elapsedMs: 0 };
  const report = (patch: Partial<ImageWatchState>) => {
    st = { ...st, ...patch, elapsedMs: Date.now() - started };
    onUpdate(st);
    return st;
  };
  const imageDone = () => !imageId || st.imageGone || st.image?.status === 'active';
  await poll(
    async (signal) => {
      const patch: Partial<ImageWatchState> = { pollError: undefined };
      if (imageId && !imageDone()) {
        try {
          patch.image = await managers.images.get(imageId);
        } catch (err) {
          if (err instanceof NotFoundError) patch.imageGone = true;
          else if (signal?.aborted) throw err;
          else patch.pollError = describeError(err);
        }
      }
      try {
        patch.server = await managers.servers.get(serverId, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        patch.pollError = describeError(err);
      }
      return report(patch);
    },
    () => undefined,
    (s) => {
      if (s.image && DEAD_IMAGE.has(s.image.status)) return true;
      if (s.server?.status === 'ERROR') return true;
      // A backup made with rotation 0 is deleted as soon as it is made: gone is settled.
      if (s.imageGone && !(options.backup && options.backup.rotation === 0)) return true;
      return imageDone() && !!s.server && !s.server.taskState;
    },
    { intervalMs: options.intervalMs, signal: options.signal },
  );
  if (st.image && DEAD_IMAGE.has(st.image.status)) {
    return report({
      phase: 'failed',
      failure: `The image ${st.image.name || imageId} ended ${st.image.status}: the snapshot failed (see the server's instance actions).`,
    });
  }
  if (st.imageGone && !(options.backup && options.backup.rotation === 0)) {
    return report({
      phase: 'failed',
      failure: `The image ${imageId} disappeared before it became active (deleted by hand, or by another backup's rotation?).`,
    });
  }
  if (st.server?.status === 'ERROR') {
    return report({ phase: 'failed', failure: `The server went to ERROR${st.server.fault ? `: ${st.server.fault.message}` : ''}.` });
  }
  if (options.backup) {
    const { type, rotation } = options.backup;
    const rounds = options.rotationRounds ?? 30;
    report({ phase: 'rotating' });
    for (let i = 0; ; i++) {
      let kept: Image[] | undefined;
      try {
        kept = await managers.images.backupsOf(serverId, type);
      } catch (err) {
        if (options.signal?.aborted) throw err;
        report({ pollError: describeError(err) });
      }
      if (kept) report({ kept, pollError: undefined });
      if ((kept && kept.length <= rotation) || i >= rounds) break;
      await sleep(pollInterval(options.intervalMs), options.signal);
    }
  }
  return report({ phase: 'done' });
}
