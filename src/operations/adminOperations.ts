import { UsageError } from '../session/errors.js';
import { adminOnly } from '../commands/adminErrors.js';
import type { Migration } from '../managers/migrations.js';
import type { Server } from '../managers/types.js';
import { followServer } from './follow.js';
import type { FollowedResult, OperationAnswer, OperationContext, ServerOperation } from './types.js';

/**
 * The cloud administrator's moves of a server between hosts: live migration and evacuation.
 * When each applies follows Nova's check_instance_state (nova/compute/api.py): live_migrate takes
 * an ACTIVE or PAUSED server with no task; evacuate an ACTIVE, SHUTOFF or ERROR one whatever its
 * task (its host is down). Both are admin-only under Nova's default policy: a member's 403 is
 * said in words (adminErrors.ts).
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The target host: `--host H` or novaclient's positional `<host>`, not two different ones. */
function targetHost(ctx: OperationContext): string | undefined {
  const flag = str(ctx.input.options.host);
  const positional = str(ctx.input.args.host);
  if (flag !== undefined && positional !== undefined && flag !== positional)
    throw new UsageError(`Two target hosts given ('${positional}' and --host '${flag}'): give one.`);
  return flag ?? positional;
}

const HOST_POSITIONAL = { name: 'host', help: "The target host (novaclient's place for it; same as --host)" };

/** Nova accepted the request (202), and then the move failed in the cloud: not a success. */
export class MoveFailedError extends Error {
  override name = 'MoveFailedError';
}

/** Why the newest live-migration action failed, from its events (details from 2.84, else the traceback's last line). */
async function failureReason(ctx: OperationContext, serverId: string, since: number): Promise<string | undefined> {
  try {
    const actions = await ctx.managers.servers.instanceActions(serverId);
    const mine = actions
      .filter((a) => a.action === 'live-migration' && Date.parse(`${a.startTime.replace(/Z?$/, 'Z')}`) >= since - 60_000)
      .sort((a, b) => b.startTime.localeCompare(a.startTime))[0];
    if (!mine) return undefined;
    const detail = await ctx.managers.servers.instanceAction(serverId, mine.requestId);
    const failed = detail.events?.find((e) => e.result === 'Error');
    const lastLine = failed?.traceback?.trim().split('\n').at(-1)?.trim();
    const why = failed?.details ?? lastLine ?? detail.message ?? undefined;
    return why ? `${why} (request ${mine.requestId}; 'novash instance-action ${serverId} ${mine.requestId}' shows its events)` : undefined;
  } catch {
    return undefined;
  }
}

/** The newest live migration of the server since it was asked for (the migration record says how it ended). */
async function latestMigration(ctx: OperationContext, serverId: string, since: number): Promise<Migration | undefined> {
  try {
    const list = await ctx.managers.migrations.list({ serverId, migrationType: 'live-migration' });
    return list
      .filter((x) => Date.parse(x.createdAt.replace(/Z?$/, 'Z')) >= since - 60_000)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number)[0];
  } catch {
    return undefined;
  }
}

const FAILED_MIGRATION = new Set(['error', 'failed', 'cancelled']);

/**
 * --wait for a live migration: the server back to ACTIVE (or PAUSED) is not enough, its migration
 * must have completed. Nova answers 202 first and refuses later (no valid host, one compute node):
 * that is reported as a failure, with Nova's reason from the instance action.
 */
async function followLiveMigration(ctx: OperationContext, s: Server): Promise<FollowedResult> {
  const sentAt = Date.now();
  const final = await followServer(ctx.managers, s.id, `live-migrate ${s.name}`, { status: ['ACTIVE', 'PAUSED', 'ERROR'] }, ctx.progress, {
    signal: ctx.signal,
    timeoutMs: 60 * 60_000,
  });
  const migration = await latestMigration(ctx, s.id, sentAt);
  const failed =
    final?.status === 'ERROR' || (migration ? FAILED_MIGRATION.has(migration.status) : Boolean(s.host) && final?.host === s.host);
  if (!failed) {
    const host = final?.host ?? migration?.destCompute ?? undefined;
    return { message: `Server ${s.name} (${s.id}): live migration done, ${final?.status ?? 'ACTIVE'}${host ? ` on host ${host}` : ''}.` };
  }
  const why = await failureReason(ctx, s.id, sentAt);
  throw new MoveFailedError(
    `Nova accepted the live migration of server ${s.name} (${s.id}), but it failed: ${why ?? 'see novash instance-action-list'}. ` +
      `The server is ${final?.status ?? 'in an unknown state'}${final?.host ? ` on host ${final.host}` : ''}.`,
  );
}

/** --wait for an evacuation: rebuilt ACTIVE (or SHUTOFF) elsewhere, or ERROR when no host would take it (a failure). */
async function followEvacuation(ctx: OperationContext, s: Server, answer: OperationAnswer): Promise<FollowedResult> {
  const final = await followServer(ctx.managers, s.id, `evacuate ${s.name}`, { status: ['ACTIVE', 'SHUTOFF', 'ERROR'] }, ctx.progress, {
    signal: ctx.signal,
    timeoutMs: 60 * 60_000,
  });
  if (final?.status === 'ERROR')
    throw new MoveFailedError(
      `Nova accepted the evacuation of server ${s.name} (${s.id}), but it failed${final.fault?.message ? `: ${final.fault.message}` : ''}. ` +
        `The server is in ERROR (see 'novash instance-action-list ${s.id}').`,
    );
  const made = (answer.data as { adminPass?: string } | undefined)?.adminPass;
  return {
    message:
      `Server ${s.name} (${s.id}): evacuation done, ${final?.status ?? 'ACTIVE'}${final?.host ? ` on host ${final.host}` : ''}.` +
      (made ? ` Its new admin password: ${made}` : ''),
  };
}

export const ADMIN_OPERATIONS: ServerOperation[] = [
  {
    name: 'live-migration',
    label: 'Live-migrate',
    hotkey: 'M',
    summary: 'Move a running server to another host without stopping it (admin)',
    verb: 'live-migrate',
    adminOnly: true,
    appliesTo: { status: ['ACTIVE', 'PAUSED'], idle: true },
    changesCloud: true,
    settle: { status: ['ACTIVE', 'PAUSED', 'ERROR'] },
    confirm: { question: 'Live-migrate server {server} to another host? It keeps running while it moves.', destructive: false },
    positionals: [HOST_POSITIONAL],
    options: {
      host: { type: 'string', help: 'The target host (default: the scheduler picks one)', valueName: 'HOST' },
      'block-migrate': {
        type: 'boolean',
        help: 'Copy the disks too (block migration; default: Nova decides from 2.25, shared storage before)',
      },
    },
    examples: ['novash live-migration --wait vm1', 'novash live-migration --host compute2 --block-migrate vm1'],
    async send(ctx, s) {
      const host = targetHost(ctx);
      const block = ctx.input.options['block-migrate'] === true ? true : undefined;
      await adminOnly(ctx.managers, 'novash live-migration', () =>
        ctx.managers.serverActions.liveMigrate(s.id, { host, blockMigration: block }),
      );
    },
    follow: (ctx, s) => followLiveMigration(ctx, s),
  },
  {
    name: 'evacuate',
    label: 'Evacuate (host down)',
    hotkey: 'E',
    summary: 'Rebuild a server of a failed host on another host (admin; its host must be down)',
    verb: 'evacuate',
    adminOnly: true,
    appliesTo: { status: ['ACTIVE', 'SHUTOFF', 'ERROR'] },
    changesCloud: true,
    settle: { status: ['ACTIVE', 'SHUTOFF', 'ERROR'] },
    confirm: {
      question: 'Evacuate server {server}? It is rebuilt on another host; do this only when its host is down.',
      destructive: true,
    },
    positionals: [HOST_POSITIONAL],
    options: {
      host: { type: 'string', help: 'The target host (default: the scheduler picks one)', valueName: 'HOST' },
      password: { type: 'string', help: "The evacuated server's admin password", valueName: 'PASSWORD' },
    },
    examples: ['novash evacuate --wait vm1', 'novash evacuate --host compute2 vm1'],
    async send(ctx, s) {
      const host = targetHost(ctx);
      const given = str(ctx.input.options.password);
      const { adminPass } = await adminOnly(ctx.managers, 'novash evacuate', () =>
        ctx.managers.serverActions.evacuate(s.id, { host, adminPass: given }),
      );
      // A password Nova made (before 2.14) is shown once, as boot shows one; one given by the user is not echoed.
      const shown = adminPass && given === undefined ? ` Its new admin password: ${adminPass}` : '';
      return {
        message: `Request to evacuate server ${s.name} (${s.id}) has been accepted.${shown}`,
        data: shown ? { adminPass } : undefined,
      };
    },
    follow: (ctx, s, answer) => followEvacuation(ctx, s, answer),
  },
];
