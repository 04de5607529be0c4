import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/errors.js';
import { resolveCloudConfig } from '../../src/config/resolve.js';
import type { ConnectionFlags } from '../../src/config/types.js';

// candidateDirs() also looks in the current directory: run from an empty temp dir.
before(() => {
  process.chdir(mkdtempSync(join(tmpdir(), 'novash-cwd-')));
});

interface Home {
  env: NodeJS.ProcessEnv;
  configDir: string;
  cloudsPath: string;
}

/** A fake home with optional clouds.yaml / secure.yaml in ~/.config/openstack. */
function home(files: { clouds?: string; secure?: string } = {}, extraEnv: NodeJS.ProcessEnv = {}): Home {
  const dir = mkdtempSync(join(tmpdir(), 'novash-home-'));
  const xdg = join(dir, '.config');
  const configDir = join(xdg, 'openstack');
  mkdirSync(configDir, { recursive: true });
  const cloudsPath = join(configDir, 'clouds.yaml');
  if (files.clouds !== undefined) writeFileSync(cloudsPath, files.clouds);
  if (files.secure !== undefined) writeFileSync(join(configDir, 'secure.yaml'), files.secure);
  return { env: { HOME: dir, XDG_CONFIG_HOME: xdg, ...extraEnv }, configDir, cloudsPath };
}

/** Credentials from OS_* only; OS_CLIENT_CONFIG_FILE points at an empty clouds.yaml so no real file can leak in. */
function envOnly(vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const h = home({ clouds: 'clouds: {}\n' });
  return { ...h.env, OS_CLIENT_CONFIG_FILE: h.cloudsPath, ...vars };
}

const FULL_ENV = {
  OS_AUTH_URL: 'http://keystone.example:5000/v3',
  OS_USERNAME: 'alice',
  OS_PASSWORD: 's3cret',
  OS_PROJECT_NAME: 'demo',
};

const CLOUDS = `clouds:
  devstack:
    auth:
      auth_url: http://keystone.example:5000/v3
      username: yamluser
      password: yamlpass
      project_name: yamlproject
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
  other:
    auth:
      auth_url: http://other.example:5000
      username: bob
      password: bobpass
      project_name: bobproject
    region_name: RegionTwo
`;

function resolve(flags: ConnectionFlags, env: NodeJS.ProcessEnv, requireSecrets = true) {
  return resolveCloudConfig(flags, { env, requireSecrets });
}

function throwsConfig(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('precedence: flags > OS_* > clouds.yaml', () => {
  test('clouds.yaml values are used when nothing overrides them', () => {
    const h = home({ clouds: CLOUDS });
    const c = resolve({ osCloud: 'devstack' }, h.env);
    assert.equal(c.cloudName, 'devstack');
    assert.equal(c.sourceFile, h.cloudsPath);
    assert.equal(c.auth.username, 'yamluser');
    assert.equal(c.auth.password, 'yamlpass');
    assert.equal(c.auth.projectName, 'yamlproject');
    assert.equal(c.auth.userDomainName, 'Default');
    assert.equal(c.regionName, 'RegionOne');
    assert.equal(c.authType, 'password');
    assert.equal(c.interface, 'public');
    assert.equal(c.insecure, false);
  });

  test('an OS_* variable beats clouds.yaml, a flag beats both', () => {
    const h = home({ clouds: CLOUDS }, { OS_USERNAME: 'envuser', OS_REGION_NAME: 'EnvRegion' });
    const fromEnv = resolve({ osCloud: 'devstack' }, h.env);
    assert.equal(fromEnv.auth.username, 'envuser');
    assert.equal(fromEnv.regionName, 'EnvRegion');
    assert.equal(fromEnv.auth.projectName, 'yamlproject', 'keys not overridden still come from the file');

    const fromFlag = resolve({ osCloud: 'devstack', osUsername: 'flaguser', osRegionName: 'FlagRegion' }, h.env);
    assert.equal(fromFlag.auth.username, 'flaguser');
    assert.equal(fromFlag.regionName, 'FlagRegion');
  });

  test('OS_TENANT_NAME is accepted as the old spelling of OS_PROJECT_NAME', () => {
    const env = envOnly({ ...FULL_ENV, OS_PROJECT_NAME: undefined, OS_TENANT_NAME: 'legacy' });
    assert.equal(resolve({}, env).auth.projectName, 'legacy');
  });

  test('secure.yaml next to clouds.yaml fills in the password and overrides clouds.yaml values', () => {
    const h = home({
      clouds: `clouds:
  prod:
    auth:
      auth_url: http://keystone.example:5000
      username: carol
      project_name: ops
    region_name: RegionOne
`,
      secure: `clouds:
  prod:
    auth:
      password: from-secure
    region_name: SecureRegion
`,
    });
    const c = resolve({ osCloud: 'prod' }, h.env);
    assert.equal(c.auth.password, 'from-secure');
    assert.equal(c.auth.username, 'carol', 'a deep merge keeps the other auth keys');
    assert.equal(c.auth.authUrl, 'http://keystone.example:5000');
    assert.equal(c.regionName, 'SecureRegion');
  });

  test('OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE name the files explicitly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-explicit-'));
    const clouds = join(dir, 'my-clouds.yaml');
    const secure = join(dir, 'my-secure.yaml');
    writeFileSync(clouds, 'clouds:\n  x:\n    auth:\n      auth_url: http://k:5000\n      username: u\n      project_name: p\n');
    writeFileSync(secure, 'clouds:\n  x:\n    auth:\n      password: pw\n');
    const env = { ...home().env, OS_CLIENT_CONFIG_FILE: clouds, OS_CLIENT_SECURE_FILE: secure };
    const c = resolve({ osCloud: 'x' }, env);
    assert.equal(c.sourceFile, clouds);
    assert.equal(c.auth.password, 'pw');
  });

  test('a clouds.yaml in the current directory is found before ~/.config/openstack/clouds.yaml', () => {
    const h = home({ clouds: CLOUDS });
    const here = mkdtempSync(join(tmpdir(), 'novash-here-'));
    writeFileSync(
      join(here, 'clouds.yaml'),
      'clouds:\n  local:\n    auth:\n      auth_url: http://local:5000\n      username: u\n      password: p\n      project_name: x\n',
    );
    const previous = process.cwd();
    process.chdir(here);
    try {
      const c = resolve({}, h.env);
      assert.equal(c.cloudName, 'local');
      assert.equal(c.sourceFile, join(here, 'clouds.yaml'));
      throwsConfig(
        () => resolve({ osCloud: 'devstack' }, h.env),
        /Cloud 'devstack' is not in .*novash-here-.*clouds\.yaml\. Clouds there: local\./,
      );
    } finally {
      process.chdir(previous);
    }
  });

  test('OS_CLIENT_CONFIG_FILE naming a missing file is an error naming the path', () => {
    const env = { ...home().env, OS_CLIENT_CONFIG_FILE: '/nonexistent/novash/clouds.yaml' };
    throwsConfig(() => resolve({ osCloud: 'x' }, env), /\/nonexistent\/novash\/clouds\.yaml does not exist/);
  });

  test('OS_CLIENT_CONFIG_FILE naming a directory says so in words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-dir-'));
    const env = { ...home().env, OS_CLIENT_CONFIG_FILE: dir };
    throwsConfig(() => resolve({ osCloud: 'x' }, env), /Cannot read .*novash-dir-.*: it is a directory, not a file\./);
  });

  test('keys spelled with dashes are accepted as openstacksdk does', () => {
    const h = home({
      clouds:
        'clouds:\n  d:\n    auth:\n      auth-url: http://k:5000\n      username: u\n      password: p\n      project-name: proj\n    region-name: R9\n',
    });
    const c = resolve({ osCloud: 'd' }, h.env);
    assert.equal(c.auth.authUrl, 'http://k:5000');
    assert.equal(c.auth.projectName, 'proj');
    assert.equal(c.regionName, 'R9');
  });
});

describe('choosing the cloud', () => {
  test('OS_CLOUD selects a cloud, --os-cloud beats OS_CLOUD', () => {
    const h = home({ clouds: CLOUDS }, { OS_CLOUD: 'other' });
    assert.equal(resolve({}, h.env).auth.username, 'bob');
    const c = resolve({ osCloud: 'devstack' }, h.env);
    assert.equal(c.cloudName, 'devstack');
    assert.equal(c.auth.username, 'yamluser');
  });

  test('an unknown cloud is an error listing the clouds the file has', () => {
    const h = home({ clouds: CLOUDS });
    throwsConfig(
      () => resolve({ osCloud: 'nope' }, h.env),
      new RegExp(`Cloud 'nope' is not in ${h.cloudsPath.replace(/[.]/g, '\\.')}\\. Clouds there: devstack, other\\.`),
    );
  });

  test('a cloud asked for with no clouds.yaml anywhere says so', (t) => {
    if (existsSync('/etc/openstack/clouds.yaml') || existsSync('/etc/openstack/clouds.yml')) {
      t.skip('this machine has /etc/openstack/clouds.yaml');
      return;
    }
    throwsConfig(
      () => resolve({}, home({}, { OS_CLOUD: 'ghost' }).env),
      /Cloud 'ghost' was asked for \(OS_CLOUD\) but no clouds\.yaml was found/,
    );
  });

  test('a clouds.yaml with exactly one cloud needs no --os-cloud', () => {
    const h = home({
      clouds:
        'clouds:\n  only:\n    auth:\n      auth_url: http://k:5000\n      username: u\n      password: p\n      project_name: proj\n',
    });
    const c = resolve({}, h.env);
    assert.equal(c.cloudName, 'only');
    assert.equal(c.auth.username, 'u');
  });

  test('with several clouds and none chosen, the message lists them and how to choose', () => {
    const h = home({ clouds: CLOUDS });
    throwsConfig(() => resolve({}, h.env), /Which cloud\? .* has devstack, other: choose one with --os-cloud NAME or OS_CLOUD=NAME/);
  });

  test('OS_AUTH_URL in the environment means the OS_* variables are the cloud, not the lone clouds.yaml entry', () => {
    const h = home({ clouds: 'clouds:\n  only:\n    auth:\n      auth_url: http://yaml:5000\n      username: yamluser\n' }, FULL_ENV);
    const c = resolve({}, h.env);
    assert.equal(c.cloudName, undefined);
    assert.equal(c.auth.authUrl, FULL_ENV.OS_AUTH_URL);
    assert.equal(c.auth.username, 'alice');
  });

  test('regions given as a list: the first one is the default region', () => {
    const h = home({
      clouds:
        'clouds:\n  r:\n    auth:\n      auth_url: http://k:5000\n      username: u\n      password: p\n      project_name: x\n    regions:\n      - name: North\n      - South\n',
    });
    assert.equal(resolve({}, h.env).regionName, 'North');
  });
});

describe('missing settings name the key and every place it can be set', () => {
  test('nothing configured at all', () => {
    throwsConfig(
      () => resolve({}, envOnly({})),
      /No cloud configured: choose a cloud from clouds\.yaml with --os-cloud NAME .*OS_AUTH_URL/,
    );
  });

  test('auth_url missing from a cloud names the clouds.yaml key, the variable and the flag', () => {
    const h = home({ clouds: 'clouds:\n  c:\n    auth:\n      username: u\n      password: p\n      project_name: x\n' });
    throwsConfig(
      () => resolve({ osCloud: 'c' }, h.env),
      /Missing auth URL: set auth\.auth_url of cloud 'c' in .*clouds\.yaml, OS_AUTH_URL, or --os-auth-url\./,
    );
  });

  test('an auth_url that is not http(s) is refused', () => {
    throwsConfig(
      () => resolve({}, envOnly({ ...FULL_ENV, OS_AUTH_URL: 'keystone:5000' })),
      /The auth URL 'keystone:5000' is not an http\(s\) URL/,
    );
  });

  test('username', () => {
    throwsConfig(
      () => resolve({}, envOnly({ ...FULL_ENV, OS_USERNAME: undefined })),
      /Missing username \(or user id\): set auth\.username in clouds\.yaml, OS_USERNAME, or --os-username\./,
    );
  });

  test('a user id is enough instead of a username', () => {
    const c = resolve({}, envOnly({ ...FULL_ENV, OS_USERNAME: undefined, OS_USER_ID: 'u-123' }));
    assert.equal(c.auth.userId, 'u-123');
  });

  test('project', () => {
    throwsConfig(
      () => resolve({}, envOnly({ ...FULL_ENV, OS_PROJECT_NAME: undefined })),
      /Missing project .*: set auth\.project_name in clouds\.yaml, OS_PROJECT_NAME, or --os-project-name\./,
    );
  });

  test('password, unless secrets are not required yet (a cached token may do)', () => {
    const env = envOnly({ ...FULL_ENV, OS_PASSWORD: undefined });
    throwsConfig(() => resolve({}, env), /Missing password: set auth\.password in clouds\.yaml, OS_PASSWORD, or --os-password\./);
    const c = resolve({}, env, false);
    assert.equal(c.auth.password, undefined);
    assert.equal(c.auth.username, 'alice');
  });

  test('password missing from a named cloud points at that cloud in that file', () => {
    const h = home({ clouds: 'clouds:\n  c:\n    auth:\n      auth_url: http://k:5000\n      username: u\n      project_name: x\n' });
    throwsConfig(
      () => resolve({ osCloud: 'c' }, h.env),
      new RegExp(
        `Missing password: set auth\\.password of cloud 'c' in ${h.cloudsPath.replace(/[.]/g, '\\.')}, OS_PASSWORD, or --os-password\\.`,
      ),
    );
  });
});

describe('auth types', () => {
  test('an application credential id implies v3applicationcredential and needs no project', () => {
    const c = resolve(
      {},
      envOnly({
        OS_AUTH_URL: 'http://k:5000',
        OS_APPLICATION_CREDENTIAL_ID: 'ac-1',
        OS_APPLICATION_CREDENTIAL_SECRET: 'ac-secret',
      }),
    );
    assert.equal(c.authType, 'v3applicationcredential');
    assert.equal(c.auth.applicationCredentialId, 'ac-1');
    assert.equal(c.auth.applicationCredentialSecret, 'ac-secret');
  });

  test('auth_type v3applicationcredential from clouds.yaml; a missing secret names where to set it', () => {
    const h = home({
      clouds:
        'clouds:\n  ac:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: http://k:5000\n      application_credential_id: ac-1\n',
    });
    throwsConfig(
      () => resolve({ osCloud: 'ac' }, h.env),
      /Missing application credential secret: set auth\.application_credential_secret of cloud 'ac' .*OS_APPLICATION_CREDENTIAL_SECRET, or --os-application-credential-secret\./,
    );
    assert.equal(resolve({ osCloud: 'ac' }, h.env, false).authType, 'v3applicationcredential');
  });

  test('an application credential by name also needs its user', () => {
    const env = envOnly({
      OS_AUTH_URL: 'http://k:5000',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_NAME: 'ci',
      OS_APPLICATION_CREDENTIAL_SECRET: 'x',
    });
    throwsConfig(() => resolve({}, env), /application credential given by name also needs the user/);
    assert.equal(resolve({}, { ...env, OS_USERNAME: 'ci-user' }).auth.applicationCredentialName, 'ci');
  });

  test('token auth from OS_AUTH_TYPE / OS_TOKEN', () => {
    const c = resolve(
      {},
      envOnly({ OS_AUTH_URL: 'http://k:5000', OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'gAAAA-token', OS_PROJECT_ID: 'p-1' }),
    );
    assert.equal(c.authType, 'token');
    assert.equal(c.auth.token, 'gAAAA-token');
    assert.equal(c.auth.projectId, 'p-1');
  });

  test('token auth without a token names where to set one', () => {
    throwsConfig(
      () => resolve({ osAuthType: 'token' }, envOnly({ OS_AUTH_URL: 'http://k:5000', OS_PROJECT_NAME: 'p' })),
      /Missing token: set auth\.token in clouds\.yaml, OS_TOKEN, or --os-token\./,
    );
  });

  test('an unsupported auth type is refused by name', () => {
    throwsConfig(() => resolve({ osAuthType: 'v2password' }, envOnly(FULL_ENV)), /Unsupported auth_type 'v2password'/);
  });

  test('user and project domains default to the "default" domain id', () => {
    const c = resolve({}, envOnly(FULL_ENV));
    assert.equal(c.auth.userDomainId, 'default');
    assert.equal(c.auth.projectDomainId, 'default');
    const named = resolve({}, envOnly({ ...FULL_ENV, OS_USER_DOMAIN_NAME: 'Corp' }));
    assert.equal(named.auth.userDomainName, 'Corp');
    assert.equal(named.auth.userDomainId, undefined);
    assert.equal(named.auth.projectDomainId, 'default');
  });
});

describe('connection settings', () => {
  test('interface: publicURL / internalURL are normalised, junk is refused', () => {
    const h = home({ clouds: CLOUDS.replace('    region_name: RegionOne', '    region_name: RegionOne\n    interface: publicURL') });
    assert.equal(resolve({ osCloud: 'devstack' }, h.env).interface, 'public');
    assert.equal(resolve({}, envOnly({ ...FULL_ENV, OS_INTERFACE: 'internalURL' })).interface, 'internal');
    assert.equal(resolve({ osInterface: 'admin' }, envOnly(FULL_ENV)).interface, 'admin');
    throwsConfig(
      () => resolve({ osInterface: 'private' }, envOnly(FULL_ENV)),
      /Unknown interface 'private' \(from --os-interface\): use public, internal or admin/,
    );
  });

  test('verify: false in clouds.yaml turns certificate checks off', () => {
    const h = home({ clouds: CLOUDS.replace('    region_name: RegionOne', '    region_name: RegionOne\n    verify: false') });
    assert.equal(resolve({ osCloud: 'devstack' }, h.env).insecure, true);
    assert.equal(resolve({ osCloud: 'other' }, h.env).insecure, false);
  });

  test('verify given as a CA bundle path keeps certificate checks on and uses the bundle', () => {
    const h = home({ clouds: CLOUDS.replace('    region_name: RegionOne', '    region_name: RegionOne\n    verify: /etc/ssl/my-ca.pem') });
    const c = resolve({ osCloud: 'devstack' }, h.env);
    assert.equal(c.insecure, false);
    assert.equal(c.cacert, '/etc/ssl/my-ca.pem');
  });

  test('verify / insecure: YAML 1.1 words unquoted are booleans (as openstacksdk reads them); quoted words and numbers are refused', () => {
    const withLine = (line: string) =>
      home({ clouds: CLOUDS.replace('    region_name: RegionOne', `    region_name: RegionOne\n    ${line}`) });
    assert.equal(resolve({ osCloud: 'devstack' }, withLine('verify: no').env).insecure, true);
    assert.equal(resolve({ osCloud: 'devstack' }, withLine('verify: yes').env).insecure, false);
    assert.equal(resolve({ osCloud: 'devstack' }, withLine('insecure: true').env).insecure, true);
    assert.equal(resolve({ osCloud: 'devstack' }, withLine('insecure: off').env).insecure, false);
    throwsConfig(
      () => resolve({ osCloud: 'devstack' }, withLine("verify: 'no'").env),
      /clouds\.yaml:11:13: verify of cloud 'devstack' is the quoted string "no", not a boolean: write it false \(unquoted\)\.$/,
    );
    throwsConfig(
      () => resolve({ osCloud: 'devstack' }, withLine('insecure: 1').env),
      /clouds\.yaml:11:15: insecure of cloud 'devstack' must be true or false \(unquoted\), not a number \(1\)\.$/,
    );
  });

  test('OS_INSECURE and --insecure', () => {
    assert.equal(resolve({}, envOnly({ ...FULL_ENV, OS_INSECURE: 'true' })).insecure, true);
    assert.equal(resolve({}, envOnly({ ...FULL_ENV, OS_INSECURE: 'false' })).insecure, false);
    assert.equal(resolve({ insecure: true }, envOnly(FULL_ENV)).insecure, true);
  });

  test('compute API version: pinned, latest, bare 2, and an invalid one named with its source', () => {
    assert.equal(resolve({ osComputeApiVersion: '2.79' }, envOnly(FULL_ENV)).computeApiVersion, '2.79');
    assert.equal(resolve({ osComputeApiVersion: 'latest' }, envOnly(FULL_ENV)).computeApiVersion, undefined);
    assert.equal(resolve({}, envOnly({ ...FULL_ENV, OS_COMPUTE_API_VERSION: '2' })).computeApiVersion, '2.1');
    throwsConfig(
      () => resolve({ osComputeApiVersion: '3.5' }, envOnly(FULL_ENV)),
      /Invalid compute API version '3\.5' \(from --os-compute-api-version\): use a version like 2\.79, or 'latest'\./,
    );
    throwsConfig(
      () => resolve({}, envOnly({ ...FULL_ENV, OS_COMPUTE_API_VERSION: '2.x' })),
      /Invalid compute API version '2\.x' \(from OS_COMPUTE_API_VERSION\)/,
    );
  });
});
