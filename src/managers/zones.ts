import { listIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import type { AvailabilityZone } from './types.js';

export class AvailabilityZoneManager {
  constructor(private readonly session: Session) {}

  async list(): Promise<AvailabilityZone[]> {
    const res = await this.session.request('compute', 'GET', '/os-availability-zone');
    const info = listIn(res, 'availabilityZoneInfo', 'none') as Array<{ zoneName: string; zoneState?: { available?: boolean } }>;
    return info.map((z) => ({ name: z.zoneName, available: z.zoneState?.available !== false }));
  }
}
