import type { CompletionCache } from '../cache/completionCache.js';
import { resourceIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import { listWithNextPath } from './paginate.js';
import type { Image, ListOptions } from './types.js';

type RawImage = Record<string, unknown>;

/** Glance v2's own fields; everything else at the top level is a custom property. */
const CORE_FIELDS = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'protected',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'owner',
  'size',
  'virtual_size',
  'min_ram',
  'min_disk',
  'created_at',
  'updated_at',
  'disk_format',
  'container_format',
  'tags',
  'self',
  'file',
  'schema',
  'direct_url',
  'locations',
  'os_hidden',
  'stores',
]);

export function toImage(raw: RawImage): Image {
  const name = raw.name == null ? '' : String(raw.name);
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!CORE_FIELDS.has(k)) properties[k] = v;
  return {
    id: String(raw.id),
    name,
    humanId: slugify(name),
    status: String(raw.status ?? ''),
    size: raw.size as number | null | undefined,
    virtualSize: raw.virtual_size as number | null | undefined,
    minDisk: Number(raw.min_disk ?? 0),
    minRam: Number(raw.min_ram ?? 0),
    visibility: String(raw.visibility ?? ''),
    diskFormat: raw.disk_format as string | null | undefined,
    containerFormat: raw.container_format as string | null | undefined,
    owner: raw.owner as string | undefined,
    createdAt: raw.created_at as string | undefined,
    updatedAt: raw.updated_at as string | undefined,
    protected: raw.protected as boolean | undefined,
    checksum: raw.checksum as string | null | undefined,
    imageType: properties.image_type as string | undefined,
    backupType: properties.backup_type as string | undefined,
    instanceUuid: properties.instance_uuid as string | undefined,
    properties,
    raw,
  };
}

export interface ImageFilters {
  name?: string;
  status?: string;
  visibility?: string;
  owner?: string;
  /** Any custom property, e.g. { instance_uuid: id, image_type: 'backup' }. */
  properties?: Record<string, string>;
  sortKey?: string;
  sortDir?: 'asc' | 'desc';
}

/** Images come from Glance v2 (Nova's image API is a deprecated proxy). */
export class ImageManager implements FindSource<Image> {
  readonly resourceName = 'image';
  readonly alphanumIds = false;
  constructor(
    private readonly session: Session,
    private readonly cache?: CompletionCache,
  ) {}

  async list(filters: ImageFilters = {}, options: ListOptions = {}): Promise<Image[]> {
    const params: Record<string, string | undefined> = {
      name: filters.name,
      status: filters.status,
      visibility: filters.visibility,
      owner: filters.owner,
      sort_key: filters.sortKey,
      sort_dir: filters.sortDir,
      ...filters.properties,
    };
    const raws = await listWithNextPath<RawImage>(this.session, 'image', '/v2/images', 'images', params, options);
    const images = raws.map(toImage);
    const filtered = Object.values(params).some((v) => v !== undefined && v !== filters.sortKey && v !== filters.sortDir);
    if (!filtered && options.limit === undefined) this.cache?.replace('image', images);
    return images;
  }

  async get(id: string): Promise<Image> {
    const res = await this.session.request('image', 'GET', `/v2/images/${encodeURIComponent(id)}`);
    return toImage(resourceIn(res, undefined));
  }

  async delete(id: string): Promise<void> {
    await this.session.request('image', 'DELETE', `/v2/images/${encodeURIComponent(id)}`);
    this.cache?.remove('image', [id]);
  }

  /** The backups Nova made of a server, newest first (what createBackup's rotation works on). */
  async backupsOf(serverId: string, backupType?: string): Promise<Image[]> {
    const props: Record<string, string> = { instance_uuid: serverId, image_type: 'backup' };
    if (backupType) props.backup_type = backupType;
    const images = await this.list({ properties: props, sortKey: 'created_at', sortDir: 'desc' });
    return images.filter((i) => i.status !== 'deleted' && i.status !== 'killed');
  }

  listByName(name: string): Promise<Image[]> {
    return this.list({ name });
  }

  listAll(): Promise<Image[]> {
    return this.list();
  }

  cachedIdsForHumanId(humanId: string): string[] {
    return this.cache?.idsForHumanId('image', humanId) ?? [];
  }

  find(nameOrId: string): Promise<Image> {
    return findResource(this, nameOrId);
  }
}
