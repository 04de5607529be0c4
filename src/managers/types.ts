/** Typed resources returned by the managers. Raw API fields stay reachable through `raw`. */

export interface Resource {
  id: string;
  name: string;
  /** Slug of the name (novaclient's human_id); undefined for resources without one. */
  humanId?: string;
}

export interface Flavor extends Resource {
  vcpus: number;
  ram: number;
  disk: number;
  ephemeral: number;
  swap: number;
  isPublic: boolean;
  disabled: boolean;
  rxtxFactor?: number;
  description?: string | null;
  extraSpecs?: Record<string, string>;
  raw: Record<string, unknown>;
}

export interface ServerAddress {
  network: string;
  addr: string;
  version: number;
  type?: string;
  mac?: string;
}

/** The flavor as a server shows it: an id before 2.47, the embedded copy from 2.47. */
export interface ServerFlavorRef {
  id?: string;
  name?: string;
  vcpus?: number;
  ram?: number;
  disk?: number;
  ephemeral?: number;
  swap?: number;
  extraSpecs?: Record<string, string>;
}

export interface ServerFault {
  code: number;
  message: string;
  details?: string;
  created?: string;
}

export interface Server extends Resource {
  status: string;
  taskState: string | null;
  vmState?: string;
  powerState: number | null;
  addresses: ServerAddress[];
  flavor: ServerFlavorRef;
  /** Image id; empty when booted from a volume. */
  imageId?: string;
  keyName?: string | null;
  created: string;
  updated?: string;
  launchedAt?: string | null;
  tenantId?: string;
  userId?: string;
  host?: string;
  hypervisorHostname?: string;
  availabilityZone?: string;
  progress?: number;
  locked?: boolean;
  lockedReason?: string | null;
  metadata: Record<string, string>;
  securityGroups: string[];
  fault?: ServerFault;
  description?: string | null;
  tags?: string[];
  volumesAttached: string[];
  raw: Record<string, unknown>;
}

export const POWER_STATES: Record<number, string> = {
  0: 'NOSTATE',
  1: 'Running',
  3: 'Paused',
  4: 'Shutdown',
  6: 'Crashed',
  7: 'Suspended',
};

export interface Image extends Resource {
  status: string;
  size?: number | null;
  virtualSize?: number | null;
  minDisk: number;
  minRam: number;
  visibility: string;
  diskFormat?: string | null;
  containerFormat?: string | null;
  owner?: string;
  createdAt?: string;
  updatedAt?: string;
  protected?: boolean;
  checksum?: string | null;
  /** image_type backup/snapshot when Nova made the image. */
  imageType?: string;
  backupType?: string;
  instanceUuid?: string;
  /** Every other property (Glance v2 puts custom properties at the top level). */
  properties: Record<string, unknown>;
  raw: Record<string, unknown>;
}

export interface Keypair extends Resource {
  fingerprint: string;
  type: string;
  publicKey?: string;
  userId?: string;
  createdAt?: string;
  /** Only when Nova generated the key (before 2.92): shown once, never stored. */
  privateKey?: string;
}

export interface AbsoluteLimit {
  used: number;
  /** -1 means unlimited. */
  max: number;
  /** max - used, or Infinity when unlimited. */
  remaining: number;
}

export interface Limits {
  instances: AbsoluteLimit;
  cores: AbsoluteLimit;
  ram: AbsoluteLimit;
  keypairs: AbsoluteLimit;
  serverGroups: AbsoluteLimit;
  serverMeta: number;
  raw: Record<string, number>;
}

export interface AvailabilityZone {
  name: string;
  available: boolean;
}

export interface Network extends Resource {
  status: string;
  shared: boolean;
  external: boolean;
  subnets: string[];
}

export interface SecurityGroup extends Resource {
  description?: string;
}

export interface InstanceAction {
  action: string;
  requestId: string;
  userId?: string;
  projectId?: string;
  startTime: string;
  updatedAt?: string | null;
  message?: string | null;
}

export interface ListOptions {
  /** Stop after this many items (novaclient's --limit); undefined = everything. */
  limit?: number;
  signal?: AbortSignal;
}
