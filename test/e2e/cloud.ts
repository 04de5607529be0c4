/** Shared by the end-to-end tests: where the local cloud is and how to run novash / openstack against it. */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eEnabled = !!process.env.NOVASH_E2E;
export const skipReason = 'end-to-end tests need the local cloud: run `npm run devcloud:up`, then NOVASH_E2E=1 npm run test:e2e';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const ROOT = repoRoot();
export const BIN = join(ROOT, 'bin', 'novash.js');
export const DEVCLOUD_DIR = process.env.NOVASH_DEVCLOUD_DIR ?? '/var/lib/novash-devcloud';
export const CLOUDS_YAML = join(DEVCLOUD_DIR, 'clouds.yaml');

/** A clean environment: our own state dirs, the devcloud's clouds.yaml, no inherited OS_* settings. */
export function cleanEnv(stateDir = mkdtempSync(join(tmpdir(), 'novash-e2e-'))): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OS_') && !k.startsWith('NOVASH_')) env[k] = v;
  return {
    ...env,
    OS_CLIENT_CONFIG_FILE: CLOUDS_YAML,
    NOVASH_CONFIG_DIR: join(stateDir, 'config'),
    NOVASH_CACHE_DIR: join(stateDir, 'cache'),
    NOVASH_POLL_MS: '1000',
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function toRun(r: SpawnSyncReturns<string>): Run {
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Runs the built novash binary as a user would. */
export function novash(args: string[], env: NodeJS.ProcessEnv, cloud = 'devcloud'): Run {
  return toRun(spawnSync(process.execPath, [BIN, '--os-cloud', cloud, ...args], { env, encoding: 'utf8', timeout: 15 * 60_000 }));
}

/** novash's stdout; fails with the command's stderr when it did not succeed. */
export function novashOk(args: string[], env: NodeJS.ProcessEnv, cloud = 'devcloud'): string {
  const r = novash(args, env, cloud);
  if (r.code !== 0) throw new Error(`novash ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** novash -f json, parsed; fails with the command's stderr when it did not succeed. */
export function novashJson<T = unknown>(args: string[], env: NodeJS.ProcessEnv, cloud = 'devcloud'): T {
  const r = novash([...args, '-f', 'json'], env, cloud);
  if (r.code !== 0) throw new Error(`novash ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The reference client from Debian (python3-openstackclient), same clouds.yaml. */
export function openstackJson<T = unknown>(args: string[], env: NodeJS.ProcessEnv, cloud = 'devcloud'): T {
  const r = toRun(
    spawnSync('openstack', ['--os-cloud', cloud, ...args, '-f', 'json'], {
      env: { ...env, PATH: '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' },
      encoding: 'utf8',
      timeout: 5 * 60_000,
    }),
  );
  if (r.code !== 0) throw new Error(`openstack ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** novash in a child process without blocking this one (the counting proxy lives here). */
export function novashAsync(args: string[], env: NodeJS.ProcessEnv, cloud = 'devcloud'): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--os-cloud', cloud, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * A proxy in front of Keystone that counts token requests, with a clouds.yaml whose auth_url
 * points at it (the catalog still sends everything else straight to the services).
 */
export async function keystoneCountingProxy(): Promise<{ cloudsYaml: string; tokenRequests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/v3/auth/tokens')) count++;
    const upstream = httpRequest({ host: '127.0.0.1', port: 5000, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'novash-proxy-'));
  const cloudsYaml = join(dir, 'clouds.yaml');
  writeFileSync(cloudsYaml, readFileSync(CLOUDS_YAML, 'utf8').replaceAll('http://127.0.0.1:5000/v3', `http://127.0.0.1:${port}/v3`));
  return {
    cloudsYaml,
    tokenRequests: () => count,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}

export { resolve };
