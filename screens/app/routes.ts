import type { CommandResult } from '../../src/commands/types.js';
import type { ComputeService } from '../../src/managers/index.js';

/** Where the app is: one entry of the navigation stack. */
export type Route =
  | { screen: 'servers' }
  | { screen: 'server'; id: string; name: string }
  | { screen: 'flavors' }
  | { screen: 'flavor'; id: string; name: string }
  | { screen: 'images' }
  | { screen: 'image'; id: string; name: string }
  | { screen: 'keypairs' }
  | { screen: 'keypair'; name: string }
  | { screen: 'limits' }
  | ResourceRoute
  | { screen: 'server-groups' }
  | { screen: 'server-group'; id: string; name: string }
  | { screen: 'hypervisors' }
  | { screen: 'hypervisor'; id: string; name: string }
  | { screen: 'services' }
  | { screen: 'service'; service: ComputeService }
  | { screen: 'instance-action'; serverId: string; serverName: string; requestId: string }
  | { screen: 'result'; title: string; result: CommandResult };

/** A resource declared in an extension file (`:documents`): its generated screen. */
export interface ResourceRoute {
  screen: 'resource';
  plural: string;
  title: string;
}

export type ScreenName = Route['screen'];

export interface NavEntry {
  /** Unique per entry: keys the screen's remembered view state (cursor, scroll, tab). */
  key: number;
  route: Route;
}

const TITLES: Record<ScreenName, string> = {
  servers: 'Servers',
  server: 'Server',
  flavors: 'Flavors',
  flavor: 'Flavor',
  images: 'Images',
  image: 'Image',
  keypairs: 'Key pairs',
  keypair: 'Key pair',
  limits: 'Limits',
  resource: 'Resource',
  'server-groups': 'Server groups',
  'server-group': 'Server group',
  hypervisors: 'Hypervisors',
  hypervisor: 'Hypervisor',
  services: 'Compute services',
  service: 'Service',
  'instance-action': 'Instance action',
  result: 'Result',
};

export function crumb(route: Route): string {
  switch (route.screen) {
    case 'server':
    case 'flavor':
    case 'image':
    case 'server-group':
      return route.name || route.id;
    case 'keypair':
      return route.name;
    case 'hypervisor':
      return route.name || route.id;
    case 'service':
      return `${route.service.binary}@${route.service.host}`;
    case 'instance-action':
      return route.requestId;
    case 'result':
      return `:${route.title}`;
    case 'resource':
      return route.title;
    default:
      return TITLES[route.screen];
  }
}
