/**
 * Benchmarks against the local cloud: novash's one-shot commands beside the peers
 * (openstack, nova) and the bare HTTP request, in the same run. Prints medians; asserts nothing.
 *   npm run devcloud:up && npm run bench            (BENCH_RUNS=N to change the count)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveCloudConfig } from '../src/config/resolve.js';
import { keystoneCountingProxy, novashAsync } from '../test/e2e/cloud.js';

const root = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) d = dirname(d);
  return d;
})();
const devcloud = process.env.NOVASH_DEVCLOUD_DIR ?? '/var/lib/novash-devcloud';
const cloudsYaml = join(devcloud, 'clouds.yaml');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const state = mkdtempSync(join(tmpdir(), 'novash-bench-'));
const sysPath = '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin';

const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OS_')));
const env: NodeJS.ProcessEnv = {
  ...baseEnv,
  OS_CLIENT_CONFIG_FILE: cloudsYaml,
  OS_CLOUD: 'devcloud',
  NOVASH_CONFIG_DIR: join(state, 'config'),
  NOVASH_CACHE_DIR: join(state, 'cache'),
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

function bench(label: string, cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): number {
  time(cmd, args, extraEnv); // warm-up (and, for novash, the one login)
  const samples = Array.from({ length: runs }, () => time(cmd, args, extraEnv));
  const m = median(samples);
  console.log(`${label.padEnd(42)} median ${(m / 1000).toFixed(3)} s   (min ${(Math.min(...samples) / 1000).toFixed(3)}, max ${(Math.max(...samples) / 1000).toFixed(3)}, n=${runs})`);
  return m;
}


async function bareRequest(path: string): Promise<number> {
  // One token, then the same GET novash makes, timed in-process: the floor novash is measured against.
  const res = spawnSync('node', [join(root, 'bin', 'novash.js'), 'whoami', '-f', 'json'], { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  const tokens = JSON.parse(readFileSync(join(state, 'config', 'tokens.json'), 'utf8')) as Record<string, { token: string }>;
  const token = Object.values(tokens)[0]!.token;
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = await fetch(`http://127.0.0.1:8774/v2.1${path}`, { headers: { 'x-auth-token': token, 'OpenStack-API-Version': 'compute 2.93' } });
    await r.text();
    if (i > 0) samples.push(performance.now() - t0);
  }
  const m = median(samples);
  console.log(`${`bare GET ${path} (in-process, token reused)`.padEnd(42)} median ${(m / 1000).toFixed(3)} s`);
  return m;
}

async function main(): Promise<void> {
  if (!existsSync(cloudsYaml)) {
    console.error(`No local cloud at ${devcloud}: run npm run devcloud:up first.`);
    process.exit(2);
  }
  const novash = [join(root, 'bin', 'novash.js')];
  console.log(`novash benchmarks, ${runs} runs each, on ${devcloud}\n`);
  const nodeStart = bench('node -e 0 (Node start-up alone)', 'node', ['-e', '0']);
  await bareRequest('/flavors/detail');
  const nf = bench('novash flavor-list', 'node', [...novash, 'flavor-list']);
  const of = bench('openstack flavor list', 'openstack', ['flavor', 'list'], { PATH: sysPath });
  // novaclient reads no clouds.yaml: give it the same cloud as OS_* variables.
  const cfg = resolveCloudConfig({ osCloud: 'devcloud' }, { env });
  const novaEnv: NodeJS.ProcessEnv = {
    PATH: sysPath, OS_CLOUD: '', OS_AUTH_URL: cfg.auth.authUrl, OS_USERNAME: cfg.auth.username, OS_PASSWORD: cfg.auth.password,
    OS_PROJECT_NAME: cfg.auth.projectName, OS_USER_DOMAIN_NAME: cfg.auth.userDomainName ?? 'Default',
    OS_PROJECT_DOMAIN_NAME: cfg.auth.projectDomainName ?? 'Default', OS_REGION_NAME: cfg.regionName,
  };
  const vf = bench('nova flavor-list', 'nova', ['flavor-list'], novaEnv);
  await bareRequest('/servers/detail');
  const nl = bench('novash list', 'node', [...novash, 'list']);
  const ol = bench('openstack server list', 'openstack', ['server', 'list'], { PATH: sysPath });
  const vl = bench('nova list', 'nova', ['list'], novaEnv);
  bench('novash --version', 'node', [...novash, '--version']);

  // Token requests counted by a proxy in front of Keystone, for 10 runs from an empty token cache.
  const proxy = await keystoneCountingProxy();
  const fresh = mkdtempSync(join(tmpdir(), 'novash-bench-fresh-'));
  const proxyEnv = { OS_CLIENT_CONFIG_FILE: proxy.cloudsYaml, NOVASH_CONFIG_DIR: join(fresh, 'config'), NOVASH_CACHE_DIR: join(fresh, 'cache') };
  for (let i = 0; i < 10; i++) {
    const r = await novashAsync(['flavor-list'], { ...env, ...proxyEnv });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  console.log(`\nKeystone token requests for 10 novash runs from an empty token cache: ${proxy.tokenRequests()}`);
  await proxy.close();
  console.log(`\nflavor-list: novash ${(nf / 1000).toFixed(3)} s vs openstack ${(of / 1000).toFixed(3)} s (${(of / nf).toFixed(1)}x) vs nova ${(vf / 1000).toFixed(3)} s (${(vf / nf).toFixed(1)}x)`);
  console.log(`list:        novash ${(nl / 1000).toFixed(3)} s vs openstack ${(ol / 1000).toFixed(3)} s (${(ol / nl).toFixed(1)}x) vs nova ${(vl / 1000).toFixed(3)} s (${(vl / nl).toFixed(1)}x)`);
  console.log(`novash over Node's own start-up: flavor-list +${((nf - nodeStart) / 1000).toFixed(3)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
