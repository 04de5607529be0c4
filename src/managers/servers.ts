import type { CompletionCache } from '../cache/completionCache.js';
import { UsageError } from '../session/errors.js';
import { FieldError } from './fieldError.js';
import { checkName } from './names.js';
import { userDataTooBig } from './userData.js';
import { atLeast } from '../session/microversion.js';
import { bodyObject, listIn, resourceIn } from '../session/answerShape.js';
import type { HttpResponse } from '../session/http.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import { listNova } from './paginate.js';
import { type InstanceActionDetail, checkRequestId, toInstanceAction, toInstanceActionDetail } from './instanceActions.js';
import { type SchedulerHints, type ServerUpdate, buildSchedulerHints, buildServerUpdate } from './serverUpdate.js';
import type { InstanceAction, ListOptions, Server, ServerAddress, ServerFlavorRef } from './types.js';

type RawServer = Record<string, unknown>;

function toAddresses(raw: unknown): ServerAddress[] {
  if (!raw || typeof raw !== 'object') return [];
  const out: ServerAddress[] = [];
  for (const [network, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const a of list as Array<Record<string, unknown>>) {
      out.push({
        network,
        addr: String(a.addr),
        version: Number(a.version ?? 4),
        type: a['OS-EXT-IPS:type'] as string | undefined,
        mac: a['OS-EXT-IPS-MAC:mac_addr'] as string | undefined,
      });
    }
  }
  return out;
}

function toFlavorRef(raw: unknown): ServerFlavorRef {
  if (!raw || typeof raw !== 'object') return {};
  const f = raw as Record<string, unknown>;
  return {
    id: f.id as string | undefined,
    name: (f.original_name as string | undefined) ?? undefined,
    vcpus: f.vcpus as number | undefined,
    ram: f.ram as number | undefined,
    disk: f.disk as number | undefined,
    ephemeral: f.ephemeral as number | undefined,
    swap: f.swap as number | undefined,
    extraSpecs: f.extra_specs as Record<string, string> | undefined,
  };
}

export function toServer(raw: RawServer): Server {
  const name = String(raw.name ?? '');
  const image = raw.image;
  const fault = raw.fault as Record<string, unknown> | undefined;
  return {
    id: String(raw.id),
    name,
    humanId: slugify(name),
    status: String(raw.status ?? ''),
    taskState: (raw['OS-EXT-STS:task_state'] as string | null | undefined) ?? null,
    vmState: raw['OS-EXT-STS:vm_state'] as string | undefined,
    powerState: (raw['OS-EXT-STS:power_state'] as number | null | undefined) ?? null,
    addresses: toAddresses(raw.addresses),
    flavor: toFlavorRef(raw.flavor),
    imageId: image && typeof image === 'object' ? String((image as { id: string }).id) : undefined,
    keyName: raw.key_name as string | null | undefined,
    created: String(raw.created ?? ''),
    updated: raw.updated as string | undefined,
    launchedAt: raw['OS-SRV-USG:launched_at'] as string | null | undefined,
    tenantId: raw.tenant_id as string | undefined,
    userId: raw.user_id as string | undefined,
    host: raw['OS-EXT-SRV-ATTR:host'] as string | undefined,
    hypervisorHostname: raw['OS-EXT-SRV-ATTR:hypervisor_hostname'] as string | undefined,
    availabilityZone: raw['OS-EXT-AZ:availability_zone'] as string | undefined,
    progress: raw.progress as number | undefined,
    locked: raw.locked as boolean | undefined,
    lockedReason: raw.locked_reason as string | null | undefined,
    metadata: (raw.metadata as Record<string, string>) ?? {},
    securityGroups: Array.isArray(raw.security_groups)
      ? [...new Set((raw.security_groups as Array<{ name: string }>).map((g) => g.name))]
      : [],
    fault: fault
      ? {
          code: Number(fault.code),
          message: String(fault.message ?? ''),
          details: fault.details as string | undefined,
          created: fault.created as string | undefined,
        }
      : undefined,
    description: raw.description as string | null | undefined,
    tags: raw.tags as string[] | undefined,
    volumesAttached: Array.isArray(raw['os-extended-volumes:volumes_attached'])
      ? (raw['os-extended-volumes:volumes_attached'] as Array<{ id: string }>).map((v) => v.id)
      : [],
    raw,
  };
}

export interface ServerFilters {
  name?: string;
  status?: string;
  flavor?: string;
  image?: string;
  host?: string;
  ip?: string;
  allTenants?: boolean;
  tenantId?: string;
  userId?: string;
  changesSince?: string;
  changesBefore?: string;
  reservationId?: string;
  deleted?: boolean;
  sortKey?: string;
  sortDir?: 'asc' | 'desc';
}

export interface ServerListOptions extends ListOptions {
  /** The first page's size, when it should come sooner than the rest. */
  firstPageSize?: number;
  /** Each page as it arrives (a throw stops the listing): the app draws the first one at once. */
  onPage?: (servers: Server[], response: HttpResponse) => void;
}

export type NetworkChoice = 'auto' | 'none' | Array<{ uuid?: string; port?: string; fixedIp?: string }>;

export interface BootRequest {
  name: string;
  imageId?: string;
  flavorId: string;
  networks?: NetworkChoice;
  /** `os:scheduler_hints` beside the server (e.g. `{ group: <server group id> }`). */
  schedulerHints?: SchedulerHints;
  keyName?: string;
  securityGroups?: string[];
  /** Raw user data; base64-encoded here. At most 48 KiB (Nova takes 64 KiB encoded). */
  userData?: Buffer;
  availabilityZone?: string;
  metadata?: Record<string, string>;
  minCount?: number;
  maxCount?: number;
  description?: string;
  configDrive?: boolean;
}

export interface BootResult {
  /** The servers created: one, or all of a multi-create. */
  servers: Array<{ id: string; name: string }>;
  adminPass?: string;
  reservationId?: string;
}

/** Validates and builds POST /servers. Throws UsageError naming the field; nothing is sent. */
export function buildBootBody(req: BootRequest, microversion: string): Record<string, unknown> {
  checkName(req.name, 'name', 'The server name');
  if (!req.flavorId) throw new FieldError('flavorId', 'is required.', 'A flavor');
  const min = req.minCount ?? 1;
  const max = req.maxCount ?? min;
  if (!Number.isSafeInteger(min) || min < 1)
    throw new FieldError('minCount', `must be a whole number >= 1 (got ${req.minCount}).`, 'The minimum count');
  if (!Number.isSafeInteger(max) || max < min)
    throw new FieldError('maxCount', `must be a whole number >= the minimum count (got ${req.maxCount}).`, 'The maximum count');
  const server: Record<string, unknown> = { name: req.name, flavorRef: req.flavorId };
  if (!req.imageId) throw new FieldError('imageId', 'is required.', 'An image');
  server.imageRef = req.imageId;
  if (req.keyName) server.key_name = req.keyName;
  if (req.securityGroups?.length) server.security_groups = req.securityGroups.map((name) => ({ name }));
  if (req.availabilityZone) server.availability_zone = req.availabilityZone;
  if (req.metadata && Object.keys(req.metadata).length) server.metadata = req.metadata;
  if (req.description !== undefined) server.description = req.description;
  if (req.configDrive) server.config_drive = true;
  if (req.userData) {
    const tooBig = userDataTooBig(req.userData.length);
    if (tooBig) throw new FieldError('userData', tooBig.replace(/^User data /, ''), 'User data');
    server.user_data = req.userData.toString('base64');
  }
  if (min !== 1 || max !== 1) {
    server.min_count = min;
    server.max_count = max;
    server.return_reservation_id = true;
  }
  const networks = req.networks ?? (atLeast(microversion, '2.37') ? 'auto' : undefined);
  if (networks === 'auto' || networks === 'none') {
    if (!atLeast(microversion, '2.37')) {
      throw new FieldError(
        'networks',
        `${networks} needs compute API version 2.37 or later (in use: ${microversion}).`,
        'The network choice',
      );
    }
    server.networks = networks;
  } else if (Array.isArray(networks) && networks.length) {
    server.networks = networks.map((n) => {
      const o: Record<string, string> = {};
      if (n.uuid) o.uuid = n.uuid;
      if (n.port) o.port = n.port;
      if (n.fixedIp) o.fixed_ip = n.fixedIp;
      return o;
    });
  }
  const body: Record<string, unknown> = { server };
  if (req.schedulerHints) body['os:scheduler_hints'] = buildSchedulerHints(req.schedulerHints);
  return body;
}

/** The image a createImage/createBackup made: a body `image_id` from 2.45, a Location header before. */
export function imageIdFromResponse(body: unknown, headers: Record<string, unknown>): string | undefined {
  if (body && typeof body === 'object' && 'image_id' in body) return String((body as { image_id: string }).image_id);
  const loc = headers.location;
  const url = Array.isArray(loc) ? loc[0] : (loc as string | undefined);
  return url ? url.replace(/\/+$/, '').split('/').pop() : undefined;
}

export class ServerManager implements FindSource<Server> {
  readonly resourceName = 'server';
  readonly alphanumIds = false;
  constructor(
    private readonly session: Session,
    private readonly cache?: CompletionCache,
  ) {}

  async list(filters: ServerFilters = {}, options: ServerListOptions = {}): Promise<Server[]> {
    const params: Record<string, string | number | boolean | undefined> = {
      name: filters.name,
      status: filters.status,
      flavor: filters.flavor,
      image: filters.image,
      host: filters.host,
      ip: filters.ip,
      all_tenants: filters.allTenants ? 1 : undefined,
      tenant_id: filters.tenantId,
      user_id: filters.userId,
      'changes-since': filters.changesSince,
      'changes-before': filters.changesBefore,
      reservation_id: filters.reservationId,
      deleted: filters.deleted ? true : undefined,
      sort_key: filters.sortKey,
      sort_dir: filters.sortDir,
    };
    // Each page is turned into servers once, as it comes (the app draws the first page at once).
    const servers: Server[] = [];
    const { onPage, ...pageOptions } = options;
    await listNova<RawServer>(this.session, '/servers/detail', 'servers', params, {
      ...pageOptions,
      onPage: (raws, res) => {
        const page = raws.map(toServer);
        for (const s of page) servers.push(s);
        onPage?.(page, res);
      },
    });
    const unfiltered = Object.entries(params).every(([k, v]) => v === undefined || k === 'sort_key' || k === 'sort_dir');
    if (unfiltered && options.limit === undefined) this.cache?.replace('server', servers);
    else if (!filters.changesSince && !filters.allTenants)
      this.cache?.add(
        'server',
        servers.filter((s) => s.status !== 'DELETED'),
      );
    return servers;
  }

  async get(id: string, signal?: AbortSignal): Promise<Server> {
    const res = await this.session.request('compute', 'GET', `/servers/${encodeURIComponent(id)}`, { signal });
    return toServer(resourceIn(res, 'server'));
  }

  /** Nova's name filter is a regex: anchor and escape it, then filter exactly on our side. */
  listByName(name: string): Promise<Server[]> {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.list({ name: `^${escaped}$` });
  }

  listAll(): Promise<Server[]> {
    return this.list();
  }

  cachedIdsForHumanId(humanId: string): string[] {
    return this.cache?.idsForHumanId('server', humanId) ?? [];
  }

  find(nameOrId: string): Promise<Server> {
    return findResource(this, nameOrId);
  }

  /** POST /servers, exactly once: never retried (a retry could create a second server). */
  async create(req: BootRequest): Promise<BootResult> {
    const body = buildBootBody(req, await this.session.computeMicroversion());
    const res = await this.session.request('compute', 'POST', '/servers', { json: body });
    // Only what Nova says it made is reported: an answer with neither a server nor a reservation id
    // is an error (never "no servers", and never a list of the project's servers).
    const reservation = bodyObject(res).reservation_id;
    const resBody = (
      typeof reservation === 'string' && reservation ? { reservation_id: reservation } : { server: resourceIn(res, 'server') }
    ) as {
      server?: { id: string; adminPass?: string };
      reservation_id?: string;
    };
    let servers: Array<{ id: string; name: string }> = [];
    if (resBody.server) servers = [{ id: String(resBody.server.id), name: req.name }];
    else if (resBody.reservation_id) {
      const made = await this.list({ reservationId: resBody.reservation_id });
      servers = made.map((s) => ({ id: s.id, name: s.name }));
    }
    this.cache?.add(
      'server',
      servers.map((s) => ({ ...s, humanId: slugify(s.name) })),
    );
    return { servers, adminPass: resBody.server?.adminPass, reservationId: resBody.reservation_id };
  }

  async delete(id: string): Promise<void> {
    await this.session.request('compute', 'DELETE', `/servers/${encodeURIComponent(id)}`);
    this.cache?.remove('server', [id]);
  }

  /** POST /servers/{id}/action. */
  async action(id: string, body: Record<string, unknown>): Promise<HttpResponse> {
    return this.session.request('compute', 'POST', `/servers/${encodeURIComponent(id)}/action`, { json: body });
  }

  start(id: string) {
    return this.action(id, { 'os-start': null });
  }
  stop(id: string) {
    return this.action(id, { 'os-stop': null });
  }
  reboot(id: string, hard = false) {
    return this.action(id, { reboot: { type: hard ? 'HARD' : 'SOFT' } });
  }
  pause(id: string) {
    return this.action(id, { pause: null });
  }
  unpause(id: string) {
    return this.action(id, { unpause: null });
  }
  suspend(id: string) {
    return this.action(id, { suspend: null });
  }
  resume(id: string) {
    return this.action(id, { resume: null });
  }
  unlock(id: string) {
    return this.action(id, { unlock: null });
  }
  confirmResize(id: string) {
    return this.action(id, { confirmResize: null });
  }
  revertResize(id: string) {
    return this.action(id, { revertResize: null });
  }

  async lock(id: string, reason?: string) {
    if (reason !== undefined) {
      const mv = await this.session.computeMicroversion();
      if (!atLeast(mv, '2.73')) throw new UsageError(`A lock reason needs compute API version 2.73 or later (in use: ${mv}).`);
      return this.action(id, { lock: { locked_reason: reason } });
    }
    return this.action(id, { lock: null });
  }

  resize(id: string, flavorId: string) {
    return this.action(id, { resize: { flavorRef: flavorId } });
  }

  rebuild(id: string, imageId: string, opts: { name?: string; description?: string } = {}) {
    const rebuild: Record<string, unknown> = { imageRef: imageId };
    if (opts.name) rebuild.name = opts.name;
    if (opts.description !== undefined) rebuild.description = opts.description;
    return this.action(id, { rebuild });
  }

  /** createBackup: Nova then deletes the oldest backups of this server and type beyond `rotation`. */
  async backup(
    id: string,
    name: string,
    backupType: string,
    rotation: number,
    metadata?: Record<string, string>,
  ): Promise<{ imageId?: string }> {
    checkName(name, 'name', 'The backup name');
    if (!backupType.trim()) throw new UsageError('A backup type is required (e.g. daily or weekly).');
    if (!Number.isInteger(rotation) || rotation < 0) throw new UsageError(`Rotation must be a whole number >= 0 (got ${rotation}).`);
    const body: Record<string, unknown> = { name, backup_type: backupType, rotation };
    if (metadata && Object.keys(metadata).length) body.metadata = metadata;
    const res = await this.action(id, { createBackup: body });
    return { imageId: imageIdFromResponse(res.body, res.headers) };
  }

  /** createImage (snapshot). */
  async createImage(id: string, name: string, metadata?: Record<string, string>): Promise<{ imageId?: string }> {
    checkName(name, 'name', 'The image name');
    const body: Record<string, unknown> = { name };
    if (metadata && Object.keys(metadata).length) body.metadata = metadata;
    const res = await this.action(id, { createImage: body });
    return { imageId: imageIdFromResponse(res.body, res.headers) };
  }

  async consoleOutput(id: string, length?: number): Promise<string> {
    const res = await this.action(id, { 'os-getConsoleOutput': length === undefined ? {} : { length } });
    const output = bodyObject(res).output;
    return typeof output === 'string' ? output : '';
  }

  /** GET /servers/{id}/os-instance-actions: what was done to the server, as Nova logged it. */
  async instanceActions(id: string): Promise<InstanceAction[]> {
    const res = await this.session.request('compute', 'GET', `/servers/${encodeURIComponent(id)}/os-instance-actions`);
    return listIn(res, 'instanceActions', 'none').map(toInstanceAction);
  }

  /** GET /servers/{id}/os-instance-actions/{request_id}: one action with its events (tracebacks for admins). */
  async instanceAction(id: string, requestId: string): Promise<InstanceActionDetail> {
    checkRequestId(requestId);
    const res = await this.session.request(
      'compute',
      'GET',
      `/servers/${encodeURIComponent(id)}/os-instance-actions/${encodeURIComponent(requestId.trim())}`,
    );
    return toInstanceActionDetail(resourceIn(res, 'instanceAction', false));
  }

  /**
   * PUT /servers/{id}: a new name, and from 2.19 a description ('' or null removes it).
   * Answers the server as Nova shows it after the change.
   */
  async update(id: string, changes: ServerUpdate): Promise<Server> {
    const body = buildServerUpdate(changes, await this.session.computeMicroversion());
    const res = await this.session.request('compute', 'PUT', `/servers/${encodeURIComponent(id)}`, { json: body });
    const server = toServer((res.body as { server: RawServer }).server);
    if (changes.name !== undefined) this.cache?.add('server', [{ id: server.id, name: server.name, humanId: server.humanId }]);
    return server;
  }
}
