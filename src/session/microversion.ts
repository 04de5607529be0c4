/** The newest compute microversion whose response shapes novash knows (fixtures cover up to here). */
export const CLIENT_MAX_MICROVERSION = '2.100';

export function parseMicroversion(v: string): number {
  const m = /^2\.(\d+)$/.exec(v.trim());
  if (!m) {
    if (v.trim() === '2' || v.trim() === '2.0') return 0;
    throw new Error(`Not a compute microversion: '${v}'`);
  }
  return Number(m[1]);
}

export function formatMicroversion(minor: number): string {
  return `2.${minor}`;
}

/** a >= b for "2.N" strings. */
export function atLeast(version: string, min: string): boolean {
  return parseMicroversion(version) >= parseMicroversion(min);
}

export interface VersionRange {
  min: string;
  max: string;
}

export class MicroversionError extends Error {
  override name = 'MicroversionError';
}

/**
 * The version to send: the pinned one if it is within the server's range, otherwise
 * min(client max, server max). A server without microversions (max "") gets 2.1... never: it gets none.
 */
export function chooseMicroversion(server: VersionRange, pinned?: string, clientMax = CLIENT_MAX_MICROVERSION): string {
  if (!server.max) {
    // As novaclient: a pinned version cannot be honoured by a cloud without microversions.
    if (pinned && parseMicroversion(pinned) > 0) {
      throw new MicroversionError(
        `Compute API version ${pinned} was asked for, but this cloud's compute API does not support microversions.`,
      );
    }
    return '2.0';
  }
  const lo = parseMicroversion(server.min || '2.1');
  const hi = parseMicroversion(server.max);
  if (pinned) {
    const p = parseMicroversion(pinned);
    if (p < lo || p > hi) {
      throw new MicroversionError(
        `Compute API version ${pinned} is not supported by this cloud, which accepts ${server.min || '2.1'} to ${server.max}.`,
      );
    }
    return formatMicroversion(p);
  }
  return formatMicroversion(Math.min(hi, parseMicroversion(clientMax)));
}

/** Compute catalog URLs may carry a project id (".../v2.1/abc123"); the version document lives at ".../v2.1/". */
export function versionDocumentUrl(computeUrl: string): string {
  const m = /^(.*?\/v2(?:\.1)?)(?:\/.*)?$/.exec(computeUrl);
  return `${(m?.[1] ?? computeUrl).replace(/\/+$/, '')}/`;
}

export function microversionHeaders(version: string): Record<string, string> {
  if (version === '2.0') return {};
  return { 'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version };
}
