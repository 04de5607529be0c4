/**
 * The local cloud's site extensions, for the fixture server (mounted as one of its extraRoutes
 * option): `os-documents` and `POST /servers/{id}/backup_instance` as DESIGN.md's "Site
 * extensions" defines them, and three Nova APIs the fixture has no route for
 * (os-aggregates, os-resetState, trigger_crash_dump), answered with the shapes of Nova's samples.
 * Refusals use Nova's error bodies, with Nova's policy wording.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { cloud, type Cloud } from './cloud.js';
import type { ExtraRoute, FixtureOptions, FixtureServer, RecordedRequest, ServerState } from './fixtureServer.js';

/** An answer from a site route. */
export interface ExtraReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sees every authorized compute request (path segments after /v2.1, decoded); undefined: not mine. */
export type ComputeRoutes = (fx: FixtureServer, rec: RecordedRequest, seg: string[], mv: number) => ExtraReply | undefined;

/** The site's compute routes as one of the fixture's extra routes. */
function asExtraRoute(routes: ComputeRoutes): ExtraRoute {
  return (req, res, ctx) => {
    if (ctx.service !== 'compute') return false;
    const r = routes(ctx.fx, req, ctx.seg, ctx.mv);
    if (!r) return false;
    res.json(r.status, r.body, r.headers);
    return true;
  };
}
import { novaErrorBody, repoRoot } from './fixtureServer.js';
import { glanceImages } from './glanceImages.js';

export type SiteApi = 'os-documents' | 'backup_instance' | 'os-aggregates' | 'os-resetState' | 'trigger_crash_dump';
export const ALL_SITE_APIS: readonly SiteApi[] = [
  'os-documents',
  'backup_instance',
  'os-aggregates',
  'os-resetState',
  'trigger_crash_dump',
];

export interface SiteExtensionOptions {
  /** What this cloud serves (default: all); the others get Nova's router answers (404 / no such action). */
  serve?: readonly SiteApi[];
  /** The user is a project member, not an admin: document writes and Nova's admin APIs get a 403. */
  member?: boolean;
}

export interface DocumentRow {
  id: number;
  name: string;
  created_at: string;
  updated_at: string | null;
  deleted_at: string | null;
  deleted: number;
}

export interface AggregateRow {
  id: number;
  name: string;
  availability_zone: string | null;
  hosts: string[];
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string | null;
  deleted: boolean;
  deleted_at: string | null;
  uuid: string;
}

/** What the extensions hold, for tests to look at (and seed). */
export class SiteState {
  /** Every row, soft-deleted ones included (deleted != 0), as the documents table keeps them. */
  readonly documents: DocumentRow[] = [];
  readonly aggregates: AggregateRow[] = [];
  resetStates: Array<{ server: string; state: string }> = [];
  crashDumps: string[] = [];

  liveDocument(id: number): DocumentRow | undefined {
    return this.documents.find((d) => d.id === id && !d.deleted);
  }

  addDocument(id: number, name: string): DocumentRow {
    const row = { id, name, created_at: now(), updated_at: null, deleted_at: null, deleted: 0 };
    this.documents.push(row);
    return row;
  }
}

function now(): string {
  return new Date().toISOString().replace(/Z$/, '');
}

const reply = (status: number, body?: unknown): ExtraReply => ({ status, body });
const error = (status: number, message: string): ExtraReply => reply(status, novaErrorBody(status, message));
const forbidden = (rule: string) => error(403, `Policy doesn't allow ${rule} to be performed.`);

function badBody(field: string, value: unknown, why: string): ExtraReply {
  return error(400, `Invalid input for field/attribute ${field}. Value: ${JSON.stringify(value)}. ${why}`);
}

function documentsApi(st: SiteState, rec: RecordedRequest, seg: string[], member: boolean): ExtraReply {
  const m = rec.method;
  if (m !== 'GET' && member) return forbidden(`compute_extension:documents:${m === 'POST' ? 'create' : m === 'PUT' ? 'update' : 'delete'}`);
  if (seg.length === 1) {
    if (m === 'GET') return reply(200, { document: st.documents.filter((d) => !d.deleted).map((d) => ({ id: d.id, name: d.name })) });
    if (m === 'POST') {
      const b = rec.json as Record<string, unknown> | undefined;
      if (!b || typeof b !== 'object' || Array.isArray(b)) return badBody('document', b ?? null, "None is not of type 'object'");
      const extra = Object.keys(b).filter((k) => k !== 'id' && k !== 'name');
      if (extra.length) return badBody('document', b, `Additional properties are not allowed ('${extra.join("', '")}' were unexpected)`);
      if (!Number.isInteger(b.id) || (b.id as number) < 1) return badBody('id', b.id ?? null, "is not of type 'integer'");
      if (typeof b.name !== 'string' || !b.name.length || b.name.length > 45)
        return badBody('name', b.name ?? null, 'must be a string of 1 to 45 characters');
      if (st.liveDocument(b.id as number)) return error(409, `Document ${b.id} already exists.`);
      st.addDocument(b.id as number, b.name);
      return reply(202);
    }
    return error(405, 'Method not allowed');
  }
  const id = Number(seg[1]);
  const doc = Number.isInteger(id) ? st.liveDocument(id) : undefined;
  if (!doc) return error(404, 'Document not found');
  if (m === 'GET') return reply(200, { document: { ...doc } });
  if (m === 'PUT') {
    const b = rec.json as Record<string, unknown> | undefined;
    const extra = Object.keys(b ?? {}).filter((k) => k !== 'name');
    if (!b || extra.length)
      return badBody('document', b ?? null, `Additional properties are not allowed ('${extra.join("', '")}' were unexpected)`);
    if (typeof b.name !== 'string' || !b.name.length || b.name.length > 45)
      return badBody('name', b.name ?? null, 'must be a string of 1 to 45 characters');
    doc.name = b.name;
    doc.updated_at = now();
    return reply(202);
  }
  if (m === 'DELETE') {
    // A soft delete, as the documents table does it.
    doc.deleted = doc.id;
    doc.deleted_at = now();
    return reply(202);
  }
  return error(405, 'Method not allowed');
}

function aggregateBody(a: AggregateRow, mv: number): Record<string, unknown> {
  const { uuid, ...rest } = a;
  return mv >= 41 ? { ...rest, uuid } : rest;
}

function aggregatesApi(st: SiteState, rec: RecordedRequest, seg: string[], mv: number, member: boolean): ExtraReply {
  const m = rec.method;
  if (member)
    return forbidden(
      `os_compute_api:os-aggregates:${m === 'GET' ? (seg.length === 1 ? 'index' : 'show') : m === 'POST' ? 'create' : m === 'PUT' ? 'update' : 'delete'}`,
    );
  const wrapped = (rec.json as { aggregate?: Record<string, unknown> } | undefined)?.aggregate;
  if (seg.length === 1 && m === 'GET') return reply(200, { aggregates: st.aggregates.map((a) => aggregateBody(a, mv)) });
  if (seg.length === 1 && m === 'POST') {
    if (!wrapped || typeof wrapped.name !== 'string' || !wrapped.name)
      return badBody('aggregate', rec.json ?? null, "'name' is a required property");
    if (st.aggregates.some((a) => a.name === wrapped.name)) return error(409, `Aggregate ${wrapped.name} already exists.`);
    const az = typeof wrapped.availability_zone === 'string' ? wrapped.availability_zone : null;
    const a: AggregateRow = {
      id: st.aggregates.reduce((n, x) => Math.max(n, x.id), 0) + 1,
      name: wrapped.name,
      availability_zone: az,
      hosts: [],
      metadata: az ? { availability_zone: az } : {},
      created_at: now(),
      updated_at: null,
      deleted: false,
      deleted_at: null,
      uuid: randomUUID(),
    };
    st.aggregates.push(a);
    // Nova's create answer has no hosts and no metadata (aggregate-post-resp.json).
    const created = aggregateBody(a, mv);
    delete created.hosts;
    delete created.metadata;
    return reply(200, { aggregate: created });
  }
  const a = st.aggregates.find((x) => String(x.id) === seg[1]);
  if (!a) return error(404, `Aggregate ${seg[1]} could not be found.`);
  if (m === 'GET') return reply(200, { aggregate: aggregateBody(a, mv) });
  if (m === 'PUT') {
    if (!wrapped) return badBody('aggregate', rec.json ?? null, "'aggregate' is a required property");
    if (typeof wrapped.name === 'string') a.name = wrapped.name;
    if (typeof wrapped.availability_zone === 'string') {
      a.availability_zone = wrapped.availability_zone;
      a.metadata.availability_zone = wrapped.availability_zone;
    }
    a.updated_at = now();
    return reply(200, { aggregate: aggregateBody(a, mv) });
  }
  if (m === 'DELETE') {
    st.aggregates.splice(st.aggregates.indexOf(a), 1);
    return reply(200);
  }
  return error(405, 'Method not allowed');
}

/** backup_instance: an image of the server through the compute API, its description kept as a property. */
function backupInstance(fx: FixtureServer, s: ServerState, rec: RecordedRequest): ExtraReply {
  const b = rec.json as Record<string, unknown> | undefined;
  if (!b || typeof b.name !== 'string' || !b.name) return badBody('name', b?.name ?? null, "'name' is a required property");
  if (typeof b.description !== 'string') return badBody('description', b.description ?? null, "'description' is a required property");
  if (s.taskState) return error(409, `Cannot 'backup_instance' instance ${s.id} while it is in task_state ${s.taskState}`);
  if (!['active', 'stopped', 'paused', 'suspended'].includes(s.vmState))
    return error(409, `Cannot 'backup_instance' instance ${s.id} while it is in vm_state ${s.vmState}`);
  const id = randomUUID();
  const t = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const img: Record<string, unknown> = {
    ...glanceImages()[0],
    id,
    name: b.name,
    status: 'queued',
    visibility: 'private',
    size: null,
    virtual_size: null,
    checksum: null,
    created_at: t,
    updated_at: t,
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    image_type: 'snapshot',
    instance_uuid: s.id,
    description: b.description,
  };
  fx.images.push(img);
  fx.imagePending.set(id, [...fx.snapshotStates]);
  s.taskState = 'image_snapshot';
  s.pending = [{ taskState: 'image_uploading' }, { taskState: null }];
  return reply(202, { id });
}

const SERVER_STATES: Record<string, Partial<ServerState>> = {
  active: { status: 'ACTIVE', vmState: 'active', taskState: null },
  error: { status: 'ERROR', vmState: 'error', taskState: null },
};

function serverRoutes(
  fx: FixtureServer,
  st: SiteState,
  rec: RecordedRequest,
  seg: string[],
  mv: number,
  served: ReadonlySet<SiteApi>,
  member: boolean,
): ExtraReply | undefined {
  if (rec.method !== 'POST' || seg.length !== 3) return undefined;
  const s = fx.serverById(seg[1]!);
  if (seg[2] === 'backup_instance') {
    // Nova's router has no such route: 404 before any server is looked up.
    if (!served.has('backup_instance')) return error(404, 'The resource could not be found.');
    return s ? backupInstance(fx, s, rec) : error(404, `Instance ${seg[1]} could not be found.`);
  }
  if (seg[2] !== 'action') return undefined;
  const body = rec.json as Record<string, unknown> | undefined;
  const key = body && typeof body === 'object' ? Object.keys(body)[0] : undefined;
  const mine: Record<string, SiteApi> = { 'os-resetState': 'os-resetState', trigger_crash_dump: 'trigger_crash_dump' };
  if (!key || !(key in mine)) return undefined;
  // Nova looks the action up before the server: an unknown key is a 400 whatever the server.
  if (!served.has(mine[key]!)) return error(400, `There is no such action: ${key}`);
  const arg = body![key];
  if (key === 'os-resetState') {
    const state = (arg as { state?: unknown } | null)?.state;
    if (state !== 'active' && state !== 'error') return badBody('state', state ?? null, "is not one of ['active', 'error']");
    if (member) return forbidden('os_compute_api:os-admin-actions:reset_state');
    if (!s) return error(404, `Instance ${seg[1]} could not be found.`);
    Object.assign(s, SERVER_STATES[state]);
    st.resetStates.push({ server: s.id, state });
    return reply(202);
  }
  if (mv < 17) return error(400, `There is no such action: ${key}`);
  if (arg !== null) return badBody('trigger_crash_dump', arg, "is not of type 'null'");
  if (!s) return error(404, `Instance ${seg[1]} could not be found.`);
  if (s.status !== 'ACTIVE') return error(409, `Cannot 'trigger_crash_dump' instance ${s.id} while it is in vm_state ${s.vmState}`);
  st.crashDumps.push(s.id);
  return reply(202);
}

/** The routes and the state they keep; `siteCloud` mounts them as one of the fixture's extraRoutes. */
export function siteExtensionRoutes(options: SiteExtensionOptions = {}): { routes: ComputeRoutes; state: SiteState } {
  const state = new SiteState();
  const served = new Set(options.serve ?? ALL_SITE_APIS);
  const member = options.member ?? false;
  const routes: ComputeRoutes = (fx, rec, seg, mv) => {
    if (seg[0] === 'os-documents' && served.has('os-documents')) return documentsApi(state, rec, seg, member);
    if (seg[0] === 'os-aggregates' && served.has('os-aggregates')) return aggregatesApi(state, rec, seg, mv, member);
    if (seg[0] === 'servers') return serverRoutes(fx, state, rec, seg, mv, served, member);
    return undefined;
  };
  return { routes, state };
}

// ---- A fixture cloud named devcloud, with the site extensions and the shipped declarations ----

/** The declarations the project ships (examples/extensions/). */
export const SITE_YAML = join(repoRoot(), 'examples', 'extensions', 'site.yaml');
export const NOVA_EXTRAS_YAML = join(repoRoot(), 'examples', 'extensions', 'nova-extras.yaml');

export interface SiteCloud extends Cloud {
  site: SiteState;
}

/**
 * A fresh fixture cloud serving the site extensions, known as `devcloud` in a clouds.yaml (the
 * shipped site.yaml is for devcloud and devcloud-demo), with NOVASH_EXTENSIONS naming `files`.
 */
export async function siteCloud(
  t: TestContext,
  options: SiteExtensionOptions & { files?: string[]; fixture?: FixtureOptions; env?: Record<string, string> } = {},
): Promise<SiteCloud> {
  const { routes, state } = siteExtensionRoutes(options);
  const c = await cloud(
    t,
    { ...options.fixture, extraRoutes: [...(options.fixture?.extraRoutes ?? []), asExtraRoute(routes)] },
    options.env,
  );
  const cloudsYaml = join(c.te.home, 'clouds.yaml');
  const fx = c.fx;
  writeFileSync(
    cloudsYaml,
    `clouds:\n  devcloud:\n    auth:\n      auth_url: ${fx.authUrl}\n      username: ${fx.options.username}\n      password: ${fx.options.password}\n      project_name: ${fx.options.projectName}\n      user_domain_name: Default\n      project_domain_name: Default\n`,
  );
  for (const k of ['OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME', 'OS_USER_DOMAIN_NAME', 'OS_PROJECT_DOMAIN_NAME'])
    delete c.te.env[k];
  Object.assign(c.te.env, {
    OS_CLIENT_CONFIG_FILE: cloudsYaml,
    OS_CLOUD: 'devcloud',
    NOVASH_EXTENSIONS: (options.files ?? [SITE_YAML]).join(':'),
  });
  return { ...c, site: state };
}
