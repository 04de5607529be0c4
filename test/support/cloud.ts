import type { TestContext } from 'node:test';
import { type FixtureOptions, type FixtureServer, startFixtureServer } from './fixtureServer.js';
import type { ClientOptions } from '../../src/index.js';
import { type RunResult, type TestEnv, makeEnv, runBin, runMain } from './run.js';

export interface Cloud {
  fx: FixtureServer;
  te: TestEnv;
  /** main(argv) in process. */
  run(...argv: string[]): Promise<RunResult>;
  /** node bin/novash.js argv. */
  bin(...argv: string[]): Promise<RunResult>;
}

/** A fresh fixture cloud and fresh temp dirs for one test, torn down after it. */
export async function cloud(t: TestContext, options: FixtureOptions = {}, env: Record<string, string> = {}): Promise<Cloud> {
  const fx = await startFixtureServer(options);
  const te = makeEnv(fx, env);
  t.after(async () => {
    await fx.close();
    te.cleanup();
  });
  return {
    fx,
    te,
    run: (...argv) => runMain(argv, te.env),
    bin: (...argv) => runBin(argv, te.env),
  };
}

/** createClient's explicit options for the fixture cloud, with the test's own config and cache dirs. */
export function clientOptionsFor(fx: FixtureServer, te: TestEnv): ClientOptions {
  return {
    auth_url: fx.authUrl,
    username: fx.options.username,
    password: fx.options.password,
    project_name: fx.options.projectName,
    user_domain_name: 'Default',
    project_domain_name: 'Default',
    env: { NOVASH_CONFIG_DIR: te.configDir, NOVASH_CACHE_DIR: te.cacheDir },
  };
}
