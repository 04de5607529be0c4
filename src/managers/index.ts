import { CompletionCache, cacheDirFor } from '../cache/completionCache.js';
import type { Session } from '../session/session.js';
import { FlavorManager } from './flavors.js';
import { ImageManager } from './images.js';
import { KeypairManager } from './keypairs.js';
import { LimitsManager } from './limits.js';
import { NetworkManager } from './networks.js';
import { ServerManager } from './servers.js';
import { AvailabilityZoneManager } from './zones.js';

/** One manager per resource, over one session and one completion cache. */
export class Managers {
  readonly flavors: FlavorManager;
  readonly servers: ServerManager;
  readonly images: ImageManager;
  readonly keypairs: KeypairManager;
  readonly limits: LimitsManager;
  readonly zones: AvailabilityZoneManager;
  readonly networks: NetworkManager;

  constructor(readonly session: Session, readonly cache: CompletionCache = new CompletionCache(cacheDirFor(session.config))) {
    this.flavors = new FlavorManager(session, cache);
    this.servers = new ServerManager(session, cache);
    this.images = new ImageManager(session, cache);
    this.keypairs = new KeypairManager(session);
    this.limits = new LimitsManager(session);
    this.zones = new AvailabilityZoneManager(session);
    this.networks = new NetworkManager(session);
  }
}

export type { FlavorManager, ImageManager, KeypairManager, LimitsManager, NetworkManager, ServerManager, AvailabilityZoneManager };
export * from './types.js';
