/**
 * clouds.yaml as written: syntax errors by file:line:col without the line (it may hold a password),
 * and values of the wrong type refused by key with the type wanted, instead of being converted.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/config/errors.js';
import { resolveCloudConfig } from '../../src/config/resolve.js';

const SECRET = 'Pa55-w0rd-XYZ';

/** A clouds.yaml (and optional secure.yaml) in a fresh directory; resolves `cloud` from it. */
function resolveWith(clouds: string, cloud = 'c', secure?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'novash-yaml-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'clouds.yaml');
  writeFileSync(path, clouds);
  const env: NodeJS.ProcessEnv = { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), OS_CLIENT_CONFIG_FILE: path };
  if (secure !== undefined) {
    writeFileSync(join(dir, 'secure.yaml'), secure);
    env.OS_CLIENT_SECURE_FILE = join(dir, 'secure.yaml');
  }
  return { path, resolve: () => resolveCloudConfig({ osCloud: cloud }, { env }) };
}

function cloud(lines: string[], authLines: string[] = []): string {
  return [
    'clouds:',
    '  c:',
    '    auth:',
    '      auth_url: http://keystone.example:5000/v3',
    '      username: alice',
    `      password: "${SECRET}"`,
    '      project_name: demo',
    ...authLines.map((l) => `      ${l}`),
    ...lines.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

/** The ConfigError's message; fails if something else (or nothing) was thrown. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('clouds.yaml syntax errors', () => {
  const cases: Array<{ what: string; yaml: string; expect: RegExp; secret: string }> = [
    {
      what: 'an unquoted password holding ": "',
      yaml: 'clouds:\n  c:\n    auth:\n      password: hunter2: more\n',
      expect: /:4:17: a value holds ': ' \(a colon and a space\), which YAML reads as a nested key \(at key 'password'\)\. Values holding/,
      secret: 'hunter2',
    },
    {
      what: 'a password whose quote is never closed',
      yaml: 'clouds:\n  c:\n    auth:\n      password: "hunter2\n      username: alice\n',
      expect: /:6:1: a quote, bracket or brace is opened and never closed\./,
      secret: 'hunter2',
    },
    {
      what: 'a password starting with a backquote',
      yaml: 'clouds:\n  c:\n    auth:\n      password: `hunter2\n',
      expect: /:4:17: a value starts with a character YAML reserves \(@ or `\) \(at key 'password'\)\./,
      secret: 'hunter2',
    },
    {
      what: 'stray text after a list (yaml itself would quote it)',
      yaml: '- a\nhunter2: c\n',
      expect: /:2:1: unexpected text here/,
      secret: 'hunter2',
    },
    {
      what: 'a tab used to indent',
      yaml: 'clouds:\n\tc:\n      password: hunter2\n',
      expect: /:2:1: a tab is used to indent/,
      secret: 'hunter2',
    },
  ];
  for (const c of cases) {
    test(`${c.what}: file, line and column, what is wrong, never the line`, () => {
      const { path, resolve } = resolveWith(c.yaml);
      const msg = messageOf(resolve);
      assert.ok(msg.startsWith(`${path}:`), msg);
      assert.match(msg, c.expect);
      assert.ok(!msg.includes(c.secret), `the secret is in: ${msg}`);
      assert.ok(!msg.includes('\n'), 'one line, no context lines');
    });
  }
});

describe('clouds.yaml values of the wrong type', () => {
  test('a mapping where a string is wanted (it used to be sent as "[object Object]")', () => {
    const { path, resolve } = resolveWith(cloud([], ['user_domain_name: {name: Default}']));
    assert.equal(messageOf(resolve), `${path}:8:25: auth.user_domain_name of cloud 'c' must be a string, not a mapping.`);
  });

  test('region_name given a list', () => {
    const { path, resolve } = resolveWith(cloud(['region_name: [a, b]']));
    assert.equal(messageOf(resolve), `${path}:8:18: region_name of cloud 'c' must be a string (one region name), not a list.`);
  });

  test('compute_api_version: 2.10 is the number 2.1 to YAML: refused, with the quoted spelling', () => {
    const { path, resolve } = resolveWith(cloud(['compute_api_version: 2.10']));
    assert.equal(
      messageOf(resolve),
      `${path}:8:26: compute_api_version of cloud 'c' is written as 2.10, which YAML reads as the number 2.1; a version is wanted: quote it: compute_api_version: "2.10".`,
    );
    assert.equal(resolveWith(cloud(['compute_api_version: "2.10"'])).resolve().computeApiVersion, '2.10');
    // A number that YAML keeps as written is what was meant.
    assert.equal(resolveWith(cloud(['compute_api_version: 2.79'])).resolve().computeApiVersion, '2.79');
  });

  test('an id YAML would change (leading zero, exponent) is refused; one it keeps is taken as written', () => {
    const { path, resolve } = resolveWith(cloud([], ['project_id: 0123']));
    assert.match(
      messageOf(resolve),
      new RegExp(
        `^${path}:8:19: auth\\.project_id of cloud 'c' is written as 0123, which YAML reads as the number 123; a string is wanted: quote it: project_id: "0123"\\.$`,
      ),
    );
    assert.equal(resolveWith(cloud([], ['project_id: 12345'])).resolve().auth.projectId, '12345');
  });

  test('a secret of the wrong type: the key is named, its value never', () => {
    const yaml =
      'clouds:\n  c:\n    auth:\n      auth_url: http://k:5000\n      username: alice\n      project_name: demo\n      password: 0012345\n';
    const { path, resolve } = resolveWith(yaml);
    const msg = messageOf(resolve);
    assert.equal(msg, `${path}:7:17: auth.password of cloud 'c' is written as a number; a string is wanted: quote it.`);
    const alias = messageOf(resolveWith(yaml.replace('0012345', '*hunter2')).resolve);
    assert.match(alias, /auth\.password of cloud 'c' is written as an alias \(\*name\): a value starting with \* must be quoted\.$/);
    assert.ok(!alias.includes('hunter2'));
    // A plain number that YAML keeps is still a fine password.
    assert.equal(resolveWith(yaml.replace('0012345', '12345')).resolve().auth.password, '12345');
  });

  test('auth given as a string', () => {
    const { path, resolve } = resolveWith('clouds:\n  c:\n    auth: http://keystone:5000\n');
    assert.equal(messageOf(resolve), `${path}:3:11: auth of cloud 'c' must be a mapping (auth_url, username, ...), not a string.`);
  });

  test("a mistake in another cloud's entry does not stop this one", () => {
    const yaml = cloud([]) + '  broken:\n    region_name: {x: 1}\n';
    assert.equal(resolveWith(yaml, 'c').resolve().auth.username, 'alice');
    assert.match(messageOf(resolveWith(yaml, 'broken').resolve), /region_name of cloud 'broken' must be a string/);
  });

  test('secure.yaml is checked the same way, and named as the place of the mistake', () => {
    const { resolve } = resolveWith(cloud([]), 'c', 'clouds:\n  c:\n    auth:\n      password: [a, b]\n');
    assert.match(messageOf(resolve), /secure\.yaml:4:17: auth\.password of cloud 'c' must be a string, not a list\.$/);
  });

  test('clouds given as a list', () => {
    const { path, resolve } = resolveWith('clouds:\n  - c\n');
    assert.equal(messageOf(resolve), `${path}:2:3: "clouds" must be a mapping of cloud names to settings, not a list.`);
  });
});
