import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { forbidFieldFrom, requireFieldVersion, seg } from './versionGate.js';

/**
 * The operator's server actions, all `POST /servers/{id}/action` with one key: shelve, unshelve,
 * shelve-offload, rescue, unrescue, cold and live migration, evacuate. The body of each is built
 * for the microversion in use (novaclient's v2 ServerManager); a field the cloud's version cannot
 * take is refused before anything is sent. Migration, live migration, evacuate and shelve-offload
 * are admin-only under Nova's default policy: a member gets Nova's 403.
 */

export interface UnshelveOptions {
  /** 2.77+; null (2.91+) unpins the server from its zone. Only for a SHELVED_OFFLOADED server. */
  availabilityZone?: string | null;
  /** 2.91+, admin: the host to unshelve to. */
  host?: string;
}

export interface RescueOptions {
  /** The image to boot the rescue from (default: the server's own image). */
  imageId?: string;
  /** The rescue guest's admin password (Nova generates one otherwise). */
  adminPass?: string;
}

export interface LiveMigrateOptions {
  /** The target host; the scheduler picks one when absent. */
  host?: string;
  /** 'auto' (2.25+, the default there) lets Nova decide; before 2.25 a boolean (default false). */
  blockMigration?: boolean | 'auto';
  /** Before 2.25 only: allow disk over-commit (default false). */
  diskOverCommit?: boolean;
}

export interface EvacuateOptions {
  /** The target host; the scheduler picks one when absent. */
  host?: string;
  /** The evacuated server's admin password. */
  adminPass?: string;
  /** Before 2.14 only: the server's disks are on shared storage (default false). */
  onSharedStorage?: boolean;
}

function nonEmpty(value: string | undefined, field: string, label: string): void {
  if (value !== undefined && !value.trim()) throw new FieldError(field, 'must not be empty.', label);
}

/** `{"unshelve": ...}`: null before 2.77; an availability zone from 2.77; null zone (unpin) and host from 2.91. */
export function buildUnshelve(opts: UnshelveOptions, microversion: string): Record<string, unknown> {
  const zone = opts.availabilityZone;
  nonEmpty(zone ?? undefined, 'availabilityZone', 'The availability zone');
  nonEmpty(opts.host, 'host', 'The target host');
  if (zone !== undefined)
    requireFieldVersion(
      microversion,
      zone === null ? '2.91' : '2.77',
      'availabilityZone',
      zone === null ? 'Unpinning the availability zone' : 'An availability zone for unshelve',
    );
  if (opts.host !== undefined) requireFieldVersion(microversion, '2.91', 'host', 'A target host for unshelve');
  if (zone === undefined && opts.host === undefined) return { unshelve: null };
  const body: Record<string, unknown> = {};
  if (zone !== undefined) body.availability_zone = zone;
  if (opts.host !== undefined) body.host = opts.host;
  return { unshelve: body };
}

/** `{"rescue": {"adminPass", "rescue_image_ref"}}`, or null when neither is given. */
export function buildRescue(opts: RescueOptions): Record<string, unknown> {
  nonEmpty(opts.imageId, 'imageId', 'The rescue image');
  if (opts.adminPass !== undefined && !opts.adminPass) throw new FieldError('adminPass', 'must not be empty.', 'The rescue password');
  const body: Record<string, unknown> = {};
  if (opts.adminPass !== undefined) body.adminPass = opts.adminPass;
  if (opts.imageId !== undefined) body.rescue_image_ref = opts.imageId;
  return { rescue: Object.keys(body).length ? body : null };
}

/** `{"migrate": null}`, or `{"migrate": {"host"}}` from 2.56. */
export function buildMigrate(host: string | undefined, microversion: string): Record<string, unknown> {
  nonEmpty(host, 'host', 'The target host');
  if (host === undefined) return { migrate: null };
  requireFieldVersion(microversion, '2.56', 'host', 'A target host for a cold migration');
  return { migrate: { host } };
}

/**
 * `{"os-migrateLive": ...}`: before 2.25 host, block_migration and disk_over_commit (booleans,
 * all required); from 2.25 host (null = scheduler) and block_migration (boolean or "auto").
 */
export function buildLiveMigrate(opts: LiveMigrateOptions, microversion: string): Record<string, unknown> {
  nonEmpty(opts.host, 'host', 'The target host');
  const host = opts.host ?? null;
  if (atLeast(microversion, '2.25')) {
    if (opts.diskOverCommit !== undefined)
      forbidFieldFrom(microversion, '2.25', 'diskOverCommit', 'Disk over-commit', 'Nova decides it itself from 2.25.');
    return { 'os-migrateLive': { host, block_migration: opts.blockMigration ?? 'auto' } };
  }
  if (opts.blockMigration === 'auto') {
    throw new FieldError(
      'blockMigration',
      `'auto' needs compute API version 2.25 or later (in use: ${microversion}); give true or false.`,
      'Block migration',
    );
  }
  return { 'os-migrateLive': { host, block_migration: opts.blockMigration ?? false, disk_over_commit: opts.diskOverCommit ?? false } };
}

/** `{"evacuate": ...}`: onSharedStorage required before 2.14 and refused from 2.14. */
export function buildEvacuate(opts: EvacuateOptions, microversion: string): Record<string, unknown> {
  nonEmpty(opts.host, 'host', 'The target host');
  if (opts.adminPass !== undefined && !opts.adminPass) throw new FieldError('adminPass', 'must not be empty.', 'The admin password');
  const body: Record<string, unknown> = {};
  if (opts.host !== undefined) body.host = opts.host;
  if (opts.adminPass !== undefined) body.adminPass = opts.adminPass;
  if (atLeast(microversion, '2.14')) {
    if (opts.onSharedStorage !== undefined)
      forbidFieldFrom(microversion, '2.14', 'onSharedStorage', 'Shared storage', 'Nova finds it out itself from 2.14.');
  } else {
    const shared = opts.onSharedStorage ?? false;
    if (shared && opts.adminPass !== undefined) {
      throw new FieldError(
        'adminPass',
        'cannot be set when the disks are on shared storage (onSharedStorage): the existing disk is kept.',
        'An admin password',
      );
    }
    body.onSharedStorage = shared;
  }
  return { evacuate: body };
}

export class ServerActionManager {
  constructor(private readonly session: Session) {}

  /** POST /servers/{id}/action. */
  private async post(id: string, body: Record<string, unknown>): Promise<unknown> {
    const res = await this.session.request('compute', 'POST', `/servers/${seg(id)}/action`, { json: body });
    return res.body;
  }

  /** `{"shelve": null}`: ACTIVE/SHUTOFF/PAUSED/SUSPENDED -> SHELVED (or SHELVED_OFFLOADED when the cloud offloads at once). */
  async shelve(id: string): Promise<void> {
    await this.post(id, { shelve: null });
  }

  /** `{"shelveOffload": null}` (admin): SHELVED -> SHELVED_OFFLOADED, off its host. */
  async shelveOffload(id: string): Promise<void> {
    await this.post(id, { shelveOffload: null });
  }

  /** `{"unshelve": ...}` (see buildUnshelve): SHELVED / SHELVED_OFFLOADED -> ACTIVE. */
  async unshelve(id: string, opts: UnshelveOptions = {}): Promise<void> {
    await this.post(id, buildUnshelve(opts, await this.session.computeMicroversion()));
  }

  /** `{"rescue": ...}`: -> RESCUE. Answers the rescue guest's admin password (a secret: show once, never log). */
  async rescue(id: string, opts: RescueOptions = {}): Promise<{ adminPass?: string }> {
    const body = await this.post(id, buildRescue(opts));
    const pass = body && typeof body === 'object' ? (body as { adminPass?: unknown }).adminPass : undefined;
    return typeof pass === 'string' ? { adminPass: pass } : {};
  }

  /** `{"unrescue": null}`: RESCUE -> ACTIVE. */
  async unrescue(id: string): Promise<void> {
    await this.post(id, { unrescue: null });
  }

  /** `{"migrate": ...}` (admin; host from 2.56): cold migration to VERIFY_RESIZE, then confirmResize / revertResize. */
  async migrate(id: string, opts: { host?: string } = {}): Promise<void> {
    await this.post(id, buildMigrate(opts.host, await this.session.computeMicroversion()));
  }

  /** `{"os-migrateLive": ...}` (admin; see buildLiveMigrate): MIGRATING -> ACTIVE on the new host. */
  async liveMigrate(id: string, opts: LiveMigrateOptions = {}): Promise<void> {
    await this.post(id, buildLiveMigrate(opts, await this.session.computeMicroversion()));
  }

  /**
   * `{"evacuate": ...}` (admin; the server's host must be down): rebuilds it on another host.
   * Before 2.14 Nova answers the admin password (a secret: show once, never log).
   */
  async evacuate(id: string, opts: EvacuateOptions = {}): Promise<{ adminPass?: string }> {
    const body = await this.post(id, buildEvacuate(opts, await this.session.computeMicroversion()));
    const pass = body && typeof body === 'object' ? (body as { adminPass?: unknown }).adminPass : undefined;
    return typeof pass === 'string' ? { adminPass: pass } : {};
  }
}
