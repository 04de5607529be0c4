import { CompletionCache, cacheDirFor } from '../cache/completionCache.js';
import type { Session } from '../session/session.js';
import { FlavorManager } from './flavors.js';
import { ImageManager } from './images.js';
import { KeypairManager } from './keypairs.js';
import { LimitsManager } from './limits.js';
import { NetworkManager } from './networks.js';
import { ServerManager } from './servers.js';
import { AvailabilityZoneManager } from './zones.js';
import { ComputeServiceManager } from './computeServices.js';
import { RemoteConsoleManager } from './consoles.js';
import { FloatingIpManager } from './floatingIps.js';
import { HypervisorManager } from './hypervisors.js';
import { InterfaceManager } from './interfaces.js';
import { MigrationManager } from './migrations.js';
import { PortManager } from './ports.js';
import { QuotaManager } from './quotas.js';
import { ServerActionManager } from './serverActions.js';
import { ServerGroupManager } from './serverGroups.js';
import { ServerMetadataManager } from './serverMetadata.js';
import { ServerSecurityGroupManager } from './serverSecurityGroups.js';
import { ServerTagManager } from './serverTags.js';
import { UsageManager } from './usage.js';

/** One manager per resource, over one session and one completion cache. */
export class Managers {
  readonly flavors: FlavorManager;
  readonly servers: ServerManager;
  readonly images: ImageManager;
  readonly keypairs: KeypairManager;
  readonly limits: LimitsManager;
  readonly zones: AvailabilityZoneManager;
  readonly networks: NetworkManager;
  // The operator's resources (issue 10).
  readonly serverActions: ServerActionManager;
  readonly serverMetadata: ServerMetadataManager;
  readonly serverTags: ServerTagManager;
  readonly serverSecurityGroups: ServerSecurityGroupManager;
  readonly interfaces: InterfaceManager;
  readonly consoles: RemoteConsoleManager;
  readonly migrations: MigrationManager;
  readonly serverGroups: ServerGroupManager;
  readonly ports: PortManager;
  readonly floatingIps: FloatingIpManager;
  readonly hypervisors: HypervisorManager;
  readonly computeServices: ComputeServiceManager;
  readonly quotas: QuotaManager;
  readonly usage: UsageManager;

  constructor(
    readonly session: Session,
    readonly cache: CompletionCache = new CompletionCache(cacheDirFor(session.config)),
  ) {
    this.flavors = new FlavorManager(session, cache);
    this.servers = new ServerManager(session, cache);
    this.images = new ImageManager(session, cache);
    this.keypairs = new KeypairManager(session);
    this.limits = new LimitsManager(session);
    this.zones = new AvailabilityZoneManager(session);
    this.networks = new NetworkManager(session);
    this.serverActions = new ServerActionManager(session);
    this.serverMetadata = new ServerMetadataManager(session);
    this.serverTags = new ServerTagManager(session);
    this.serverSecurityGroups = new ServerSecurityGroupManager(session);
    this.interfaces = new InterfaceManager(session);
    this.consoles = new RemoteConsoleManager(session);
    this.migrations = new MigrationManager(session);
    this.serverGroups = new ServerGroupManager(session);
    this.ports = new PortManager(session);
    this.floatingIps = new FloatingIpManager(session, this.ports);
    this.hypervisors = new HypervisorManager(session);
    this.computeServices = new ComputeServiceManager(session);
    this.quotas = new QuotaManager(session);
    this.usage = new UsageManager(session);
  }
}

export type { FlavorManager, ImageManager, KeypairManager, LimitsManager, NetworkManager, ServerManager, AvailabilityZoneManager };
export * from './types.js';
export type {
  ComputeServiceManager,
  FloatingIpManager,
  HypervisorManager,
  InterfaceManager,
  MigrationManager,
  PortManager,
  QuotaManager,
  RemoteConsoleManager,
  ServerActionManager,
  ServerGroupManager,
  ServerMetadataManager,
  ServerSecurityGroupManager,
  ServerTagManager,
  UsageManager,
};
export type { ComputeService } from './computeServices.js';
export type { RemoteConsole } from './consoles.js';
export type { FloatingIp, FloatingIpFilters } from './floatingIps.js';
export type { Hypervisor, HypervisorListOptions } from './hypervisors.js';
export type { InstanceActionDetail, InstanceActionEvent } from './instanceActions.js';
export type { InterfaceAttachRequest, ServerInterface } from './interfaces.js';
export type { GeneratedKeypair, GenerateKeypairOptions } from './keypairs.js';
export type { KeyAlgorithm, SshKeyPair } from './keygen.js';
export type { Migration, MigrationFilters } from './migrations.js';
export type { Port } from './ports.js';
export type { QuotaItem, QuotaSet } from './quotas.js';
export type { EvacuateOptions, LiveMigrateOptions, RescueOptions, UnshelveOptions } from './serverActions.js';
export type { ServerGroup, ServerGroupRequest } from './serverGroups.js';
export type { SchedulerHints, ServerUpdate } from './serverUpdate.js';
export type { ProjectUsage, ServerUsage } from './usage.js';
