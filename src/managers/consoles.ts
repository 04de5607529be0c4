import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { seg } from './versionGate.js';

/** A console of a server: open `url` in a browser (VNC, SPICE) or a websocket client (serial). */
export interface RemoteConsole {
  type: string;
  protocol: string;
  url: string;
}

/** Console types and their protocols (novaclient's CONSOLE_TYPE_PROTOCOL_MAPPING); `spice` stands for spice-html5. */
const PROTOCOLS: Record<string, string> = {
  novnc: 'vnc',
  xvpvnc: 'vnc',
  'spice-html5': 'spice',
  'rdp-html5': 'rdp',
  serial: 'serial',
  webmks: 'mks',
};
/** The actions before 2.6. */
const LEGACY_ACTIONS: Record<string, string> = {
  novnc: 'os-getVNCConsole',
  xvpvnc: 'os-getVNCConsole',
  'spice-html5': 'os-getSPICEConsole',
  'rdp-html5': 'os-getRDPConsole',
  serial: 'os-getSerialConsole',
};
export const CONSOLE_TYPES = Object.keys(PROTOCOLS);

function normalizeType(type: string): string {
  const t = type.trim().toLowerCase();
  return t === 'spice' ? 'spice-html5' : t === 'vnc' ? 'novnc' : t === 'rdp' ? 'rdp-html5' : t;
}

/** Remote consoles: `POST /servers/{id}/remote-consoles` from 2.6, the os-get*Console actions before. */
export class RemoteConsoleManager {
  constructor(private readonly session: Session) {}

  /** One console URL of the server (a fresh token each time; it expires after the cloud's token TTL). */
  async create(serverId: string, type = 'novnc'): Promise<RemoteConsole> {
    const t = normalizeType(type);
    const protocol = PROTOCOLS[t];
    if (!protocol)
      throw new FieldError(
        'type',
        `'${type}' is not a console type; use one of: novnc, serial, spice (spice-html5), rdp-html5, xvpvnc, webmks.`,
        'The console type',
      );
    const mv = await this.session.computeMicroversion();
    if (t === 'webmks' && !atLeast(mv, '2.8'))
      throw new FieldError('type', `webmks needs compute API version 2.8 or later (in use: ${mv}).`, 'The console type');
    if (atLeast(mv, '2.6')) {
      const res = await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/remote-consoles`, {
        json: { remote_console: { protocol, type: t } },
      });
      const rc = (res.body as { remote_console?: Record<string, unknown> }).remote_console ?? {};
      return { type: String(rc.type ?? t), protocol: String(rc.protocol ?? protocol), url: String(rc.url ?? '') };
    }
    const res = await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/action`, {
      json: { [LEGACY_ACTIONS[t]!]: { type: t } },
    });
    const c = (res.body as { console?: Record<string, unknown> }).console ?? {};
    return { type: String(c.type ?? t), protocol, url: String(c.url ?? '') };
  }
}
