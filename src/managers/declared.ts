/**
 * The manager of a resource declared in an extension file: list, show, create, update and delete
 * over the session, with the declared body shape (bare or wrapped), response keys, id field and
 * minimum microversion. Values are checked against the declared fields before anything is sent.
 */
import type { CompletionCache } from '../cache/completionCache.js';
import type { DeclaredField, DeclaredResource, FieldValue, Operation } from '../extensions/types.js';
import { FieldError, checkValue } from '../extensions/values.js';
import { ConnectionError, UsageError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import type { Resource } from './types.js';

/** One item of a declared resource: its id and name, and every field the cloud sent. */
export interface DeclaredItem extends Resource {
  raw: Record<string, unknown>;
}

/** The cloud answered, but not in the declared shape: an error, never an empty success. */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateResult {
  /** The item as the cloud answered it, when it answered one. */
  item?: DeclaredItem;
  /** Its id: from the answer, or the client-chosen one. */
  id?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function keysOf(v: unknown): string {
  return isObject(v)
    ? Object.keys(v).join(', ') || 'none'
    : typeof v === 'string' && v === ''
      ? 'an empty body'
      : `a ${Array.isArray(v) ? 'list' : typeof v}`;
}

/** The completion-cache kind of a declared resource. */
export function cacheKindOf(resource: Pick<DeclaredResource, 'name'>): `declared-${string}` {
  return `declared-${resource.name}`;
}

/** The marker of the next page: Nova's `<key>_links` rel=next, or Glance's `next` path. */
function nextMarker(body: Record<string, unknown>, key: string): string | undefined {
  const links = body[`${key}_links`];
  const next = Array.isArray(links)
    ? (links.find((l) => isObject(l) && l.rel === 'next') as { href?: unknown } | undefined)?.href
    : body.next;
  if (typeof next !== 'string') return undefined;
  try {
    return new URL(next, 'http://x').searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}

export class DeclaredResourceManager implements FindSource<DeclaredItem> {
  readonly resourceName: string;
  readonly alphanumIds: boolean;

  constructor(
    private readonly session: Session,
    readonly resource: DeclaredResource,
    private readonly cache?: CompletionCache,
  ) {
    this.resourceName = resource.name;
    this.alphanumIds = this.field(resource.idField)?.type !== 'integer';
  }

  field(key: string): DeclaredField | undefined {
    return this.resource.fields.find((f) => f.key === key);
  }

  private what(op: Operation): string {
    return this.resource.commands[op] ?? `${this.resource.name}-${op}`;
  }

  private async ready(op: Operation): Promise<void> {
    const r = this.resource;
    if (!r.operations.has(op)) {
      throw new UsageError(`${r.name} has no '${op}' in ${r.source.file} (it offers ${[...r.operations].join(', ')}).`);
    }
    if (r.minMicroversion && r.service === 'compute') {
      const mv = await this.session.computeMicroversion();
      if (!atLeast(mv, r.minMicroversion)) {
        throw new UsageError(
          `${this.what(op)} needs compute API ${r.minMicroversion} or later; this session uses ${mv} (the cloud's maximum, or --os-compute-api-version).`,
        );
      }
    }
  }

  private itemPath(id: string): string {
    return `${this.resource.path}/${encodeURIComponent(id)}`;
  }

  toItem(raw: unknown, where: string): DeclaredItem {
    const r = this.resource;
    if (!isObject(raw)) throw new ResponseShapeError(`The cloud's answer to ${where} is not an object (${keysOf(raw)}).`);
    const id = raw[r.idField];
    if (id === undefined || id === null) {
      throw new ResponseShapeError(
        `The cloud's answer to ${where} has no '${r.idField}' (its keys: ${keysOf(raw)}); check id_field in ${r.source.file}.`,
      );
    }
    const name = r.nameField ? raw[r.nameField] : undefined;
    const text = name === undefined || name === null ? '' : String(name);
    return { id: String(id), name: text, humanId: r.nameField ? slugify(text) : undefined, raw };
  }

  /** The item under the show key (or, for APIs that answer bare, the body itself). */
  private itemFrom(body: unknown, where: string, required: boolean): DeclaredItem | undefined {
    const r = this.resource;
    if (isObject(body) && isObject(body[r.showKey])) return this.toItem(body[r.showKey], where);
    if (isObject(body) && r.idField in body) return this.toItem(body, where);
    if (required)
      throw new ResponseShapeError(
        `The cloud's answer to ${where} has no '${r.showKey}' object (its keys: ${keysOf(body)}); check show_key in ${r.source.file}.`,
      );
    return undefined;
  }

  /** Every item, page by page when the cloud pages (`<list_key>_links` or `next`, with a marker). */
  async list(options: CallOptions & { limit?: number } = {}): Promise<DeclaredItem[]> {
    await this.ready('list');
    const r = this.resource;
    const where = `GET ${r.path}`;
    const raws: unknown[] = [];
    let marker: string | undefined;
    for (;;) {
      const limit = options.limit !== undefined ? options.limit - raws.length : undefined;
      const res = await this.session.request(r.service, 'GET', r.path, { searchParams: { limit, marker }, signal: options.signal });
      const body = res.body;
      if (!isObject(body) || !Array.isArray(body[r.listKey])) {
        throw new ResponseShapeError(
          `The cloud's answer to ${where} has no list under '${r.listKey}' (its keys: ${keysOf(body)}); check list_key in ${r.source.file}.`,
        );
      }
      const page = body[r.listKey] as unknown[];
      raws.push(...page);
      marker = nextMarker(body, r.listKey);
      if (!marker || !page.length || (options.limit !== undefined && raws.length >= options.limit)) break;
    }
    const items = raws.slice(0, options.limit).map((x) => this.toItem(x, where));
    if (options.limit === undefined && r.nameField) this.cache?.replace(cacheKindOf(r), items);
    return items;
  }

  async get(id: string, options: CallOptions = {}): Promise<DeclaredItem> {
    await this.ready('show');
    const res = await this.session.request(this.resource.service, 'GET', this.itemPath(id), { signal: options.signal });
    const item = this.itemFrom(res.body, `GET ${this.itemPath(id)}`, true)!;
    this.shown.add(item);
    return item;
  }

  /** Items that came from a show (a list may carry fewer fields). */
  private readonly shown = new WeakSet<DeclaredItem>();

  /** find, then the full item: what a list gave for a name is completed by a show. */
  async show(nameOrId: string): Promise<DeclaredItem> {
    const item = await this.find(nameOrId);
    return this.shown.has(item) || !this.resource.operations.has('show') ? item : this.get(item.id);
  }

  listByName(): Promise<DeclaredItem[]> {
    return this.list();
  }

  listAll(): Promise<DeclaredItem[]> {
    return this.list();
  }

  cachedIdsForHumanId(humanId: string): string[] {
    return this.cache?.idsForHumanId(cacheKindOf(this.resource), humanId) ?? [];
  }

  /** By id, then name, then human id (novaclient's order); only by id without list or a name field. */
  async find(nameOrId: string): Promise<DeclaredItem> {
    const r = this.resource;
    if (!r.operations.has('list') || !r.nameField) {
      if (!r.operations.has('show'))
        throw new UsageError(`${r.name} has neither list nor show in ${r.source.file}: it cannot be looked up.`);
      return this.get(nameOrId.trim());
    }
    if (!r.operations.has('show')) {
      const all = await this.list();
      const byId = all.find((i) => i.id === nameOrId.trim());
      if (byId) return byId;
    }
    return findResource(this, nameOrId);
  }

  /** The body for create or update: only declared fields, each checked; unknown ones are refused. */
  body(values: Record<string, unknown>, mode: 'create' | 'update'): Record<string, FieldValue> {
    const r = this.resource;
    const out: Record<string, FieldValue> = {};
    for (const key of Object.keys(values)) {
      if (values[key] === undefined) continue;
      const f = this.field(key);
      if (!f) throw new FieldError(key, `is not a field of ${r.name} (fields: ${r.fields.map((x) => x.key).join(', ')})`);
      if (mode === 'create' && !f.create)
        throw new FieldError(key, key === r.idField ? 'is chosen by the cloud, not sent on create' : 'is not sent on create');
      if (mode === 'update' && !f.update)
        throw new FieldError(key, key === r.idField ? 'cannot be changed (it is the id)' : 'cannot be changed by update');
      out[key] = checkValue(f, values[key]);
    }
    if (mode === 'create') {
      for (const f of r.fields) {
        if (!f.create) continue;
        if (out[f.key] === undefined && f.default !== undefined) out[f.key] = f.default;
        if (out[f.key] === undefined && f.required) throw new FieldError(f.key, 'is required');
      }
    } else if (!Object.keys(out).length) {
      const can = r.fields.filter((f) => f.update).map((f) => f.key);
      throw new UsageError(`Nothing to change: give at least one of ${can.join(', ')}.`);
    }
    return out;
  }

  private wrap(body: Record<string, FieldValue>): unknown {
    const shape = this.resource.body;
    return shape.style === 'wrapped' ? { [shape.key]: body } : body;
  }

  /** POST, sent once: a lost answer is reported as such, never retried. */
  async create(values: Record<string, unknown>, options: CallOptions = {}): Promise<CreateResult> {
    const r = this.resource;
    const body = this.body(values, 'create');
    await this.ready('create');
    let res;
    try {
      res = await this.session.request(r.service, 'POST', r.path, { json: this.wrap(body), signal: options.signal });
    } catch (err) {
      if (err instanceof ConnectionError) {
        const check = r.commands.list ? ` check 'novash ${r.commands.list}' before creating it again` : ' check before creating it again';
        throw new ConnectionError(`${err.message}. The create request may or may not have reached the cloud:${check}.`, err.url, err.code);
      }
      throw err;
    }
    const item = this.itemFrom(res.body, `POST ${r.path}`, false);
    const id = item?.id ?? (r.clientChosenId && body[r.idField] !== undefined ? String(body[r.idField]) : undefined);
    const name = item?.name ?? (r.nameField && body[r.nameField] !== undefined ? String(body[r.nameField]) : '');
    if (id !== undefined && r.nameField) this.cache?.add(cacheKindOf(r), [{ id, name, humanId: slugify(name) }]);
    return { item, id };
  }

  /** PUT with only the given fields; the answer's item when it sends one. */
  async update(id: string, values: Record<string, unknown>, options: CallOptions = {}): Promise<DeclaredItem | undefined> {
    const r = this.resource;
    const body = this.body(values, 'update');
    await this.ready('update');
    const res = await this.session.request(r.service, 'PUT', this.itemPath(id), { json: this.wrap(body), signal: options.signal });
    const item = this.itemFrom(res.body, `PUT ${this.itemPath(id)}`, false);
    if (r.nameField && body[r.nameField] !== undefined) {
      const name = String(body[r.nameField]);
      this.cache?.add(cacheKindOf(r), [{ id, name, humanId: slugify(name) }]);
    }
    return item;
  }

  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.ready('delete');
    await this.session.request(this.resource.service, 'DELETE', this.itemPath(id), { signal: options.signal });
    this.cache?.remove(cacheKindOf(this.resource), [id]);
  }
}
