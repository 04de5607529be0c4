import { resolveCloudConfig } from '../config/resolve.js';
import { Managers } from '../managers/index.js';
import { UsageError } from '../session/errors.js';
import type { LogSink, TimingRecorder } from '../session/log.js';
import { Session } from '../session/session.js';
import type { OptionValues } from './types.js';

import { connectionFlags } from './connectionFlags.js';

export { connectionFlags };

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
