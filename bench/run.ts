/**
 * Benchmarks against the local cloud, in one run: novash beside the peers (openstack, nova,
 * glance) and the bare HTTP request (curl with the cached token) for flavor-list, list, show,
 * image-list, one Tab, --version and help, and the app's launch to its first server row (the real
 * app in tmux, timed from inside). Prints medians and the ratios of issue 12's table; asserts nothing.
 *   npm run devcloud:up && npm run bench    (BENCH_RUNS=N, default 7; BENCH_PEER_RUNS=N, default 5)
 * The servers list is measured with at least BENCH_SERVERS (default 50) servers in the project:
 * missing ones are booted (bench-N, --nic none) and deleted at the end.
 * hyperfine is not needed (`apt-get install hyperfine` for cross-checks); every number here is the
 * median of spawnSync wall times of the same run.
 * BENCH_BASELINE=DIR: another built checkout (e.g. `git archive` of main + `npm run build` there)
 * is timed beside this one in every group, round-robin, so a change is measured on the same load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCloudConfig } from '../src/config/resolve.js';
import { keystoneCountingProxy, novashAsync } from '../test/e2e/cloud.js';
import { BIN, TracedApp, hasTmux } from './tmuxApp.js';

const devcloud = process.env.NOVASH_DEVCLOUD_DIR ?? '/var/lib/novash-devcloud';
const cloudsYaml = join(devcloud, 'clouds.yaml');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 7) || 7);
const peerRuns = Math.max(1, Number(process.env.BENCH_PEER_RUNS ?? 5) || 5);
const wantServers = Math.max(0, Number(process.env.BENCH_SERVERS ?? 50) || 0);
const state = mkdtempSync(join(tmpdir(), 'novash-bench-'));
const baselineBin = process.env.BENCH_BASELINE ? join(process.env.BENCH_BASELINE, 'bin', 'novash.js') : undefined;
if (baselineBin && !existsSync(baselineBin)) throw new Error(`BENCH_BASELINE: no ${baselineBin}`);
/** The baseline's median of each novash case (by label), for the table. */
const baselineMs = new Map<string, number>();
const sysPath = '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin';

const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('OS_') && !k.startsWith('NOVASH_')),
);
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

const s3 = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

function run(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

interface Case {
  label: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  n?: number;
}

/**
 * Several commands timed round-robin (one run of each in turn): a load that comes and goes on a
 * shared machine then weighs on all of them alike, and their ratios hold.
 */
function group(own: Case[]): number[] {
  const cases = own.flatMap((c) =>
    baselineBin && c.args[0] === BIN ? [c, { ...c, label: `${c.label} (baseline)`, args: [baselineBin, ...c.args.slice(1)] }] : [c],
  );
  for (const c of cases) run(c.cmd, c.args, c.env); // warm-up (for novash: the one login, the code cache)
  const samples = cases.map(() => [] as number[]);
  const most = Math.max(...cases.map((c) => c.n ?? runs));
  for (let i = 0; i < most; i++) {
    cases.forEach((c, j) => {
      if (i < (c.n ?? runs)) samples[j]!.push(run(c.cmd, c.args, c.env).ms);
    });
  }
  const medians = cases.map((c, j) => {
    const xs = samples[j]!;
    const m = median(xs);
    console.log(`${c.label.padEnd(46)} median ${s3(m)}   (min ${s3(Math.min(...xs))}, max ${s3(Math.max(...xs))}, n=${xs.length})`);
    if (c.args[0] === baselineBin) baselineMs.set(c.label.replace(/ \(baseline\)$/, ''), m);
    return m;
  });
  return medians.filter((_, j) => cases[j]!.args[0] !== baselineBin);
}

const novash = (label: string, args: string[]): Case => ({ label: `novash ${label}`, cmd: process.execPath, args: [BIN, ...args] });
const nodeAlone: Case = { label: 'node -e 1 (Node start-up alone)', cmd: process.execPath, args: ['-e', '1'] };

function token(): { token: string; catalog: Array<{ type: string; endpoints: Array<{ interface: string; url: string }> }> } {
  const tokens = JSON.parse(readFileSync(join(state, 'config', 'tokens.json'), 'utf8')) as Record<string, ReturnType<typeof token>>;
  return Object.values(tokens)[0]!;
}

function endpoint(type: string): string {
  const e = token()
    .catalog.find((s) => s.type === type)
    ?.endpoints.find((x) => x.interface === 'public');
  if (!e) throw new Error(`no ${type} endpoint in the catalog`);
  return e.url.replace(/\/+$/, '');
}

/** The same GET novash makes, with curl and the cached token: the floor novash is measured against. */
function bare(label: string, url: string, headers: Record<string, string> = {}): Case {
  const args = [
    '-sf',
    '-o',
    '/dev/null',
    '-H',
    `x-auth-token: ${token().token}`,
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ];
  return { label: `curl ${label}`, cmd: 'curl', args };
}

interface Row {
  what: string;
  novash: number;
  peers: Array<[string, number]>;
  floor?: [string, number];
  /** The same command of BENCH_BASELINE, from the same group. */
  baseline?: number;
}

async function withServers<T>(fn: () => Promise<T>): Promise<T> {
  const list = JSON.parse(run(process.execPath, [BIN, 'list', '-f', 'json']).stdout) as Array<{ ID: string }>;
  const missing = Math.max(0, wantServers - list.length);
  const made: string[] = [];
  if (missing > 0) {
    console.log(`(booting ${missing} servers named bench-N with --nic none; they are deleted at the end)`);
    const out = JSON.parse(
      run(process.execPath, [
        BIN,
        'boot',
        '--image',
        'tiny-image',
        '--flavor',
        'm1.tiny',
        '--nic',
        'none',
        '--min-count',
        String(missing),
        '--max-count',
        String(missing),
        '-f',
        'json',
        'bench',
      ]).stdout,
    ) as unknown;
    const ids = JSON.stringify(out).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    made.push(...new Set(ids));
    for (let i = 0; i < 60; i++) {
      const now = JSON.parse(run(process.execPath, [BIN, 'list', '-f', 'json']).stdout) as Array<{ Status: string }>;
      if (now.length >= wantServers && now.every((s) => s.Status !== 'BUILD')) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    if (made.length) {
      const r = spawnSync(process.execPath, [BIN, 'delete', ...made], { env, encoding: 'utf8' });
      console.log(
        r.status === 0 ? `(deleted the ${made.length} bench servers)` : `(deleting the bench servers failed: ${r.stderr.trim()})`,
      );
    }
  }
}

/** The app's launch to the frame with its first server row, timed by the app itself (ms since its process started). */
async function appLaunch(): Promise<{ ms: number; baseline?: number } | undefined> {
  if (!hasTmux()) {
    console.log('app launch: tmux is not installed; skipped');
    return undefined;
  }
  const once = async (bin = BIN) => {
    const app = new TracedApp(env, ['--os-cloud', 'devcloud'], undefined, [], bin);
    try {
      const frame = await app.waitFor('first-rows-frame', 60_000);
      const trace = app.trace();
      return { ms: frame.ms, trace };
    } finally {
      await new Promise((r) => setTimeout(r, 3500)); // the first start writes the bundle's code cache at 3 s
      await app.quit();
    }
  };
  const bins = baselineBin ? [BIN, baselineBin] : [BIN];
  for (const bin of bins) await once(bin);
  const samples = bins.map(() => [] as Array<Awaited<ReturnType<typeof once>>>);
  // Round-robin with the baseline, as the one-shot groups.
  for (let i = 0; i < Math.min(runs, 5); i++) for (const [j, bin] of bins.entries()) samples[j]!.push(await once(bin));
  const medians = samples.map((runsOf, j) => {
    const m = median(runsOf.map((s) => s.ms));
    const mid = runsOf.find((s) => s.ms === m)!;
    const at = (label: string) => mid.trace.find((e) => e.label === label)?.ms;
    const label = `novash app: launch to the first server row${j ? ' (baseline)' : ''}`;
    console.log(`${label.padEnd(46)} median ${s3(m)}   (min ${s3(Math.min(...runsOf.map((s) => s.ms)))}, n=${runsOf.length})`);
    console.log(
      `  (that run: bundle loaded ${at('loaded-app')?.toFixed(0)} ms, servers request sent ${at('request-sent')?.toFixed(0)} ms, ` +
        `screens loaded ${at('screens-loaded')?.toFixed(0)} ms, first page ${at('first-page')?.toFixed(0)} ms, first rows on screen ${at('first-rows-frame')?.toFixed(0)} ms)`,
    );
    return m;
  });
  return { ms: medians[0]!, baseline: medians[1] };
}

async function main(): Promise<void> {
  if (!existsSync(cloudsYaml)) {
    console.error(`No local cloud at ${devcloud}: run npm run devcloud:up first.`);
    process.exit(2);
  }
  console.log(`novash benchmarks on ${devcloud}: ${runs} runs for novash and curl, ${peerRuns} for the peers\n`);
  // novaclient and glanceclient read no clouds.yaml: the same cloud as OS_* variables.
  const cfg = resolveCloudConfig({ osCloud: 'devcloud' }, { env });
  const peerEnv: NodeJS.ProcessEnv = {
    PATH: sysPath,
    OS_CLOUD: '',
    OS_AUTH_URL: cfg.auth.authUrl,
    OS_USERNAME: cfg.auth.username,
    OS_PASSWORD: cfg.auth.password,
    OS_PROJECT_NAME: cfg.auth.projectName,
    OS_USER_DOMAIN_NAME: cfg.auth.userDomainName ?? 'Default',
    OS_PROJECT_DOMAIN_NAME: cfg.auth.projectDomainName ?? 'Default',
    OS_REGION_NAME: cfg.regionName,
  };
  const openstack = (label: string, args: string[]): Case => ({
    label: `openstack ${label}`,
    cmd: 'openstack',
    args,
    env: { PATH: sysPath },
    n: peerRuns,
  });
  const nova = (label: string, args: string[]): Case => ({ label: `nova ${label}`, cmd: 'nova', args, env: peerEnv, n: peerRuns });
  const rows: Row[] = [];

  run(process.execPath, [BIN, 'flavor-list']); // logs in once: the token the rest reuses
  const compute = endpoint('compute');
  const mv = { 'OpenStack-API-Version': 'compute 2.93' };

  console.log('');
  {
    const [nf, of, vf, node, bf] = group([
      novash('flavor-list', ['flavor-list']),
      openstack('flavor list', ['flavor', 'list']),
      nova('flavor-list', ['flavor-list']),
      nodeAlone,
      bare('GET /flavors/detail', `${compute}/flavors/detail`, mv),
    ]);
    rows.push({
      what: 'flavor-list',
      novash: nf!,
      peers: [
        ['openstack', of!],
        ['nova', vf!],
      ],
      floor: ['curl', bf!],
      baseline: baselineMs.get('novash flavor-list'),
    });
    console.log(`(Node's own start-up, node -e 1: ${node!.toFixed(0)} ms)`);
  }

  await withServers(async () => {
    const servers = JSON.parse(run(process.execPath, [BIN, 'list', '-f', 'json']).stdout) as Array<{ ID: string }>;
    console.log(`\n(${servers.length} servers in the project)`);
    const [nl, ol, vl, bl] = group([
      novash('list', ['list']),
      openstack('server list', ['server', 'list']),
      nova('list', ['list']),
      bare('GET /servers/detail', `${compute}/servers/detail`, mv),
    ]);
    rows.push({
      what: `list (${servers.length} servers)`,
      novash: nl!,
      peers: [
        ['openstack', ol!],
        ['nova', vl!],
      ],
      floor: ['curl', bl!],
      baseline: baselineMs.get('novash list'),
    });
    const id = servers[0]?.ID;
    if (id) {
      console.log('');
      const [ns, os, vs, bs] = group([
        novash('show', ['show', id]),
        openstack('server show', ['server', 'show', id]),
        nova('show', ['show', id]),
        bare('GET /servers/ID', `${compute}/servers/${id}`, mv),
      ]);
      rows.push({
        what: 'show',
        novash: ns!,
        peers: [
          ['openstack', os!],
          ['nova', vs!],
        ],
        floor: ['curl', bs!],
        baseline: baselineMs.get('novash show'),
      });
    }
    console.log('');
    const launch = await appLaunch();
    if (launch !== undefined)
      rows.push({ what: 'app: launch to the first server row', novash: launch.ms, peers: [], baseline: launch.baseline });
  });

  console.log('');
  {
    const images = `${endpoint('image').replace(/\/v2(\.\d+)?$/, '')}/v2/images`;
    const [ni, oi, gi, bi] = group([
      novash('image-list', ['image-list']),
      openstack('image list', ['image', 'list']),
      { label: 'glance image-list', cmd: 'glance', args: ['image-list'], env: peerEnv, n: peerRuns },
      bare('GET /v2/images', images),
    ]);
    rows.push({
      what: 'image-list',
      novash: ni!,
      peers: [
        ['openstack', oi!],
        ['glance', gi!],
      ],
      floor: ['curl', bi!],
      baseline: baselineMs.get('novash image-list'),
    });
  }

  console.log('');
  {
    // One Tab: what bash's completion function runs, here on a server name.
    const [tab, ver, help, node, novaTab, osVer, osHelp] = group([
      novash('__complete (Tab on show)', ['__complete', '1', 'show', 'b']),
      novash('--version', ['--version']),
      novash('help', ['help']),
      nodeAlone,
      nova('bash-completion', ['bash-completion']),
      openstack('--version', ['--version']),
      openstack('help', ['help']),
    ]);
    rows.push({
      what: 'one Tab (__complete, a server name)',
      novash: tab!,
      peers: [['nova bash-completion', novaTab!]],
      floor: ['node -e 1', node!],
      baseline: baselineMs.get('novash __complete (Tab on show)'),
    });
    rows.push({
      what: '--version',
      novash: ver!,
      peers: [['openstack --version', osVer!]],
      floor: ['node -e 1', node!],
      baseline: baselineMs.get('novash --version'),
    });
    rows.push({
      what: 'help',
      novash: help!,
      peers: [['openstack help', osHelp!]],
      floor: ['node -e 1', node!],
      baseline: baselineMs.get('novash help'),
    });
  }

  // Token requests counted by a proxy in front of Keystone, for 10 runs from an empty token cache.
  const proxy = await keystoneCountingProxy();
  const fresh = mkdtempSync(join(tmpdir(), 'novash-bench-fresh-'));
  const proxyEnv = {
    OS_CLIENT_CONFIG_FILE: proxy.cloudsYaml,
    NOVASH_CONFIG_DIR: join(fresh, 'config'),
    NOVASH_CACHE_DIR: join(fresh, 'cache'),
  };
  for (let i = 0; i < 10; i++) {
    const r = await novashAsync(['flavor-list'], { ...env, ...proxyEnv });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  console.log(`\nKeystone token requests for 10 novash runs from an empty token cache: ${proxy.tokenRequests()}`);
  await proxy.close();

  const withBaseline = baselineBin !== undefined;
  console.log(`\n| what | novash |${withBaseline ? ' baseline |' : ''} peers | over the floor |`);
  console.log(`|---|---|${withBaseline ? '---|' : ''}---|---|`);
  for (const r of rows) {
    const peers = r.peers.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms (${(ms / r.novash).toFixed(1)}x)`).join('; ') || '—';
    const floor = r.floor ? `+${(r.novash - r.floor[1]).toFixed(0)} ms over ${r.floor[0]} (${r.floor[1].toFixed(0)} ms)` : '—';
    const baseline = withBaseline ? ` ${r.baseline === undefined ? '—' : `${r.baseline.toFixed(0)} ms`} |` : '';
    console.log(`| ${r.what} | ${r.novash.toFixed(0)} ms |${baseline} ${peers} | ${floor} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
