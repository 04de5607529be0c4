import { resolveCloudConfig } from '../config/resolve.js';
import type { ConnectionFlags } from '../config/types.js';
import { Managers } from '../managers/index.js';
import { UsageError } from '../session/errors.js';
import type { LogSink, TimingRecorder } from '../session/log.js';
import { Session } from '../session/session.js';
import type { OptionValues } from './types.js';

/** Global option values -> the connection flags config resolution takes. */
export function connectionFlags(globals: OptionValues): ConnectionFlags {
  const s = (k: string) => (typeof globals[k] === 'string' ? (globals[k] as string) : undefined);
  return {
    osCloud: s('os-cloud'),
    osAuthUrl: s('os-auth-url'),
    osAuthType: s('os-auth-type'),
    osUsername: s('os-username'),
    osUserId: s('os-user-id'),
    osPassword: s('os-password'),
    osUserDomainName: s('os-user-domain-name'),
    osUserDomainId: s('os-user-domain-id'),
    osProjectName: s('os-project-name'),
    osProjectId: s('os-project-id'),
    osProjectDomainName: s('os-project-domain-name'),
    osProjectDomainId: s('os-project-domain-id'),
    osRegionName: s('os-region-name'),
    osInterface: s('os-interface'),
    osCacert: s('os-cacert'),
    insecure: globals.insecure === true ? true : undefined,
    osApplicationCredentialId: s('os-application-credential-id'),
    osApplicationCredentialSecret: s('os-application-credential-secret'),
    osToken: s('os-token'),
    osComputeApiVersion: s('os-compute-api-version'),
  };
}

export interface SessionFactoryOptions {
  debug?: LogSink;
  timings?: TimingRecorder;
  promptSecret?: (q: string) => Promise<string>;
  env?: NodeJS.ProcessEnv;
}

export function timeoutMs(globals: OptionValues): number | undefined {
  const t = globals.timeout;
  if (t === undefined) return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout must be a number of seconds > 0 (got '${String(t)}').`);
  return n * 1000;
}

/** Config -> Session -> Managers, for one cloud. Nothing is sent until a manager is used. */
export function createManagers(globals: OptionValues, options: SessionFactoryOptions = {}): Managers {
  const config = resolveCloudConfig(connectionFlags(globals), { env: options.env, requireSecrets: false });
  const session = new Session(config, {
    debug: options.debug,
    timings: options.timings,
    promptSecret: options.promptSecret,
    timeoutMs: timeoutMs(globals),
  });
  return new Managers(session);
}
