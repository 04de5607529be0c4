import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { listNova } from './paginate.js';
import type { ListOptions } from './types.js';
import { requireFieldVersion, requireVersion, seg } from './versionGate.js';

/** One migration (cold, live, resize, evacuation) as /os-migrations shows it. */
export interface Migration {
  /** The uuid from 2.59, else the integer id as text. */
  id: string;
  /** Nova's integer id (the one /servers/{id}/migrations/{id} takes). */
  number: number;
  uuid?: string;
  serverId: string;
  status: string;
  /** migration, live-migration, resize, evacuation (2.23). */
  migrationType?: string;
  sourceCompute: string | null;
  destCompute: string | null;
  sourceNode: string | null;
  destNode: string | null;
  destHost: string | null;
  oldFlavorId?: number | string | null;
  newFlavorId?: number | string | null;
  createdAt: string;
  updatedAt: string | null;
  userId?: string;
  projectId?: string;
  /** Live migrations in progress (GET /servers/{id}/migrations): bytes of memory and disk. */
  memoryTotalBytes?: number | null;
  memoryProcessedBytes?: number | null;
  memoryRemainingBytes?: number | null;
  diskTotalBytes?: number | null;
  diskProcessedBytes?: number | null;
  diskRemainingBytes?: number | null;
  raw: Record<string, unknown>;
}

export interface MigrationFilters {
  host?: string;
  status?: string;
  /** Only this server's migrations. */
  serverId?: string;
  /** migration, live-migration, resize, evacuation. */
  migrationType?: string;
  /** 2.59 or later. */
  changesSince?: string;
  /** 2.66 or later. */
  changesBefore?: string;
  /** 2.80 or later. */
  userId?: string;
  /** 2.80 or later. */
  projectId?: string;
}

const num = (v: unknown): number | null | undefined => (typeof v === 'number' ? v : v === null ? null : undefined);

export function toMigration(raw: Record<string, unknown>): Migration {
  const uuid = typeof raw.uuid === 'string' ? raw.uuid : undefined;
  return {
    id: uuid ?? String(raw.id),
    number: Number(raw.id),
    uuid,
    serverId: String(raw.instance_uuid ?? raw.server_uuid ?? ''),
    status: String(raw.status ?? ''),
    migrationType: raw.migration_type as string | undefined,
    sourceCompute: (raw.source_compute as string | null | undefined) ?? null,
    destCompute: (raw.dest_compute as string | null | undefined) ?? null,
    sourceNode: (raw.source_node as string | null | undefined) ?? null,
    destNode: (raw.dest_node as string | null | undefined) ?? null,
    destHost: (raw.dest_host as string | null | undefined) ?? null,
    oldFlavorId: raw.old_instance_type_id as number | null | undefined,
    newFlavorId: raw.new_instance_type_id as number | null | undefined,
    createdAt: String(raw.created_at ?? ''),
    updatedAt: (raw.updated_at as string | null | undefined) ?? null,
    userId: raw.user_id as string | undefined,
    projectId: raw.project_id as string | undefined,
    memoryTotalBytes: num(raw.memory_total_bytes),
    memoryProcessedBytes: num(raw.memory_processed_bytes),
    memoryRemainingBytes: num(raw.memory_remaining_bytes),
    diskTotalBytes: num(raw.disk_total_bytes),
    diskProcessedBytes: num(raw.disk_processed_bytes),
    diskRemainingBytes: num(raw.disk_remaining_bytes),
    raw,
  };
}

/** Migrations (admin only under Nova's default policy: a member gets Nova's 403). */
export class MigrationManager {
  constructor(private readonly session: Session) {}

  /** GET /os-migrations: every project's; paged from 2.59 (limit/marker), filters as the microversion allows. */
  async list(filters: MigrationFilters = {}, options: ListOptions = {}): Promise<Migration[]> {
    const mv = await this.session.computeMicroversion();
    if (filters.changesSince !== undefined) requireFieldVersion(mv, '2.59', 'changesSince', 'A changes-since filter on migrations');
    if (filters.changesBefore !== undefined) requireFieldVersion(mv, '2.66', 'changesBefore', 'A changes-before filter on migrations');
    if (filters.userId !== undefined) requireFieldVersion(mv, '2.80', 'userId', 'A user filter on migrations');
    if (filters.projectId !== undefined) requireFieldVersion(mv, '2.80', 'projectId', 'A project filter on migrations');
    const params = {
      host: filters.host,
      status: filters.status,
      instance_uuid: filters.serverId,
      migration_type: filters.migrationType,
      'changes-since': filters.changesSince,
      'changes-before': filters.changesBefore,
      user_id: filters.userId,
      project_id: filters.projectId,
    };
    // Before 2.59 Nova answers everything at once (and ignores limit): cut here.
    const raws = await listNova<Record<string, unknown>>(
      this.session,
      '/os-migrations',
      'migrations',
      params,
      atLeast(mv, '2.59') ? options : { signal: options.signal },
    );
    const all = raws.map(toMigration);
    return options.limit !== undefined ? all.slice(0, options.limit) : all;
  }

  /** GET /servers/{id}/migrations (2.23): the server's live migrations in progress, with memory and disk progress. */
  async listForServer(serverId: string): Promise<Migration[]> {
    requireVersion(await this.session.computeMicroversion(), '2.23', "Listing a server's migrations");
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/migrations`);
    return ((res.body as { migrations?: Array<Record<string, unknown>> }).migrations ?? []).map(toMigration);
  }

  /** GET /servers/{id}/migrations/{migration_id} (2.23): one live migration in progress. */
  async getForServer(serverId: string, migrationNumber: number): Promise<Migration> {
    requireVersion(await this.session.computeMicroversion(), '2.23', "Showing a server's migration");
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/migrations/${migrationNumber}`);
    return toMigration((res.body as { migration: Record<string, unknown> }).migration);
  }
}
