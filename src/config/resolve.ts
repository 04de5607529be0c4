import { loadCloudsFile, type RawCloud } from './cloudsYaml.js';
import { ConfigError } from './errors.js';
import type { AuthSettings, AuthType, CloudConfig, ConnectionFlags, Interface } from './types.js';

/** One setting's three spellings: clouds.yaml key (under auth: or top level), OS_* variable, --os-* flag. */
interface KeySpec {
  field: keyof AuthSettings;
  yaml: string;
  env: string[];
  flag: keyof ConnectionFlags;
}

const AUTH_KEYS: KeySpec[] = [
  { field: 'authUrl', yaml: 'auth_url', env: ['OS_AUTH_URL'], flag: 'osAuthUrl' },
  { field: 'username', yaml: 'username', env: ['OS_USERNAME'], flag: 'osUsername' },
  { field: 'userId', yaml: 'user_id', env: ['OS_USER_ID'], flag: 'osUserId' },
  { field: 'password', yaml: 'password', env: ['OS_PASSWORD'], flag: 'osPassword' },
  { field: 'userDomainName', yaml: 'user_domain_name', env: ['OS_USER_DOMAIN_NAME'], flag: 'osUserDomainName' },
  { field: 'userDomainId', yaml: 'user_domain_id', env: ['OS_USER_DOMAIN_ID'], flag: 'osUserDomainId' },
  { field: 'projectName', yaml: 'project_name', env: ['OS_PROJECT_NAME', 'OS_TENANT_NAME'], flag: 'osProjectName' },
  { field: 'projectId', yaml: 'project_id', env: ['OS_PROJECT_ID', 'OS_TENANT_ID'], flag: 'osProjectId' },
  { field: 'projectDomainName', yaml: 'project_domain_name', env: ['OS_PROJECT_DOMAIN_NAME'], flag: 'osProjectDomainName' },
  { field: 'projectDomainId', yaml: 'project_domain_id', env: ['OS_PROJECT_DOMAIN_ID'], flag: 'osProjectDomainId' },
  {
    field: 'applicationCredentialId',
    yaml: 'application_credential_id',
    env: ['OS_APPLICATION_CREDENTIAL_ID'],
    flag: 'osApplicationCredentialId',
  },
  {
    field: 'applicationCredentialSecret',
    yaml: 'application_credential_secret',
    env: ['OS_APPLICATION_CREDENTIAL_SECRET'],
    flag: 'osApplicationCredentialSecret',
  },
  { field: 'token', yaml: 'token', env: ['OS_TOKEN'], flag: 'osToken' },
];

/** Human-readable "where can this be set" for error messages. */
export function whereToSet(field: keyof AuthSettings, cloud?: { name?: string; file?: string }): string {
  const spec = AUTH_KEYS.find((k) => k.field === field);
  if (!spec) return field;
  const flag = '--' + spec.flag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  const yamlPlace = cloud?.name
    ? `auth.${spec.yaml} of cloud '${cloud.name}' in ${cloud.file ?? 'clouds.yaml'}`
    : `auth.${spec.yaml} in clouds.yaml`;
  return `${yamlPlace}, ${spec.env[0]}, or ${flag}`;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

/** openstacksdk accepts dashes for underscores in keys. */
function normalizeKeys(o: unknown): Record<string, unknown> {
  if (typeof o !== 'object' || o === null) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.replace(/-/g, '_')] = v;
  return out;
}

function envValue(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  for (const n of names) {
    const v = str(env[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

function parseBool(v: string | boolean | number | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  // YAML may give a number (`insecure: 1`).
  return /^(1|true|yes|on)$/i.test(String(v).trim());
}

export function normalizeInterface(v: string | undefined, source: string): Interface {
  if (v === undefined) return 'public';
  const s = v.toLowerCase().replace(/url$/, '');
  if (s === 'public' || s === 'internal' || s === 'admin') return s;
  throw new ConfigError(`Unknown interface '${v}' (from ${source}): use public, internal or admin.`);
}

function normalizeAuthType(v: string | undefined, auth: AuthSettings): AuthType {
  if (v === undefined) {
    if (auth.applicationCredentialId || auth.applicationCredentialName) return 'v3applicationcredential';
    if (auth.token && !auth.password) return 'token';
    return 'password';
  }
  const s = v.toLowerCase();
  if (s === 'password' || s === 'v3password') return 'password';
  if (s === 'v3applicationcredential' || s === 'applicationcredential') return 'v3applicationcredential';
  if (s === 'token' || s === 'v3token') return 'token';
  throw new ConfigError(`Unsupported auth_type '${v}': novash supports password, v3applicationcredential and token (Keystone v3).`);
}

function validateMicroversion(v: string | undefined, source: string): string | undefined {
  if (v === undefined) return undefined;
  if (v === 'latest' || v === '2.latest') return undefined;
  if (/^2(\.\d+)?$/.test(v)) return v === '2' ? '2.1' : v;
  throw new ConfigError(`Invalid compute API version '${v}' (from ${source}): use a version like 2.79, or 'latest'.`);
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** When false, a missing password is not an error yet: a cached token may make it unnecessary. */
  requireSecrets?: boolean;
}

/**
 * Builds the CloudConfig: clouds.yaml (+ secure.yaml) entry, overridden by OS_* variables,
 * overridden by flags — the precedence the openstack CLI has.
 */
export function resolveCloudConfig(flags: ConnectionFlags = {}, options: ResolveOptions = {}): CloudConfig {
  const env = options.env ?? process.env;
  const cloudName = flags.osCloud ?? str(env.OS_CLOUD);
  const file = loadCloudsFile(env);

  let raw: RawCloud = {};
  let chosenName: string | undefined;
  if (cloudName) {
    if (!file) {
      throw new ConfigError(
        `Cloud '${cloudName}' was asked for (${flags.osCloud ? '--os-cloud' : 'OS_CLOUD'}) but no clouds.yaml was found ` +
          `(looked in OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml).`,
      );
    }
    const entry = file.clouds[cloudName];
    if (!entry) {
      const names = Object.keys(file.clouds);
      throw new ConfigError(
        `Cloud '${cloudName}' is not in ${file.path}. ` +
          (names.length ? `Clouds there: ${names.join(', ')}.` : 'That file defines no clouds.'),
      );
    }
    if (file.problems[cloudName]) throw new ConfigError(file.problems[cloudName]!);
    raw = entry;
    chosenName = cloudName;
  } else if (file && !envValue(env, ['OS_AUTH_URL']) && !flags.osAuthUrl) {
    // Nothing chosen and no OS_* credentials: a clouds.yaml with exactly one cloud is unambiguous.
    const names = Object.keys(file.clouds);
    if (names.length === 1) {
      chosenName = names[0];
      if (file.problems[names[0]!]) throw new ConfigError(file.problems[names[0]!]!);
      raw = file.clouds[names[0]!]!;
    } else if (names.length > 1) {
      throw new ConfigError(`Which cloud? ${file.path} has ${names.join(', ')}: choose one with --os-cloud NAME or OS_CLOUD=NAME.`);
    }
  }

  const top = normalizeKeys(raw);
  const rawAuth = normalizeKeys(top.auth);
  const auth: AuthSettings = {};
  for (const spec of AUTH_KEYS) {
    const fromFile = str(rawAuth[spec.yaml]) ?? str(top[spec.yaml]);
    const value = str(flags[spec.flag] as string | undefined) ?? envValue(env, spec.env) ?? fromFile;
    if (value !== undefined) auth[spec.field] = value;
  }
  const appCredName = str(rawAuth.application_credential_name) ?? str(env.OS_APPLICATION_CREDENTIAL_NAME);
  if (appCredName) auth.applicationCredentialName = appCredName;

  // keystoneauth's domain_name/domain_id act as the default for both user and project domains.
  const defaultDomainName = str(rawAuth.domain_name) ?? str(env.OS_DOMAIN_NAME);
  const defaultDomainId = str(rawAuth.domain_id) ?? str(env.OS_DOMAIN_ID);
  if (!auth.userDomainName && !auth.userDomainId) {
    if (defaultDomainName) auth.userDomainName = defaultDomainName;
    else auth.userDomainId = defaultDomainId ?? 'default';
  }
  if (!auth.projectDomainName && !auth.projectDomainId) {
    if (defaultDomainName) auth.projectDomainName = defaultDomainName;
    else auth.projectDomainId = defaultDomainId ?? 'default';
  }

  const authType = normalizeAuthType(flags.osAuthType ?? str(env.OS_AUTH_TYPE) ?? str(top.auth_type), auth);
  const regionName =
    flags.osRegionName ??
    envValue(env, ['OS_REGION_NAME']) ??
    str(top.region_name) ??
    (Array.isArray(top.regions) && top.regions.length
      ? str(typeof top.regions[0] === 'object' ? (top.regions[0] as { name?: string }).name : top.regions[0])
      : undefined);
  const ifaceRaw = flags.osInterface ?? envValue(env, ['OS_INTERFACE', 'OS_ENDPOINT_TYPE']) ?? str(top.interface) ?? str(top.endpoint_type);
  const iface = normalizeInterface(ifaceRaw, flags.osInterface ? '--os-interface' : 'OS_INTERFACE / clouds.yaml interface');
  // `verify` may also be a CA bundle path (requests' verify=PATH): that keeps checks on, with that bundle.
  const verifyPath =
    typeof top.verify === 'string' && !/^(1|0|true|false|yes|no|on|off)$/i.test(top.verify.trim()) ? top.verify : undefined;
  const cacert = flags.osCacert ?? str(env.OS_CACERT) ?? str(top.cacert) ?? verifyPath;
  const verify = top.verify === undefined || verifyPath ? undefined : parseBool(top.verify as string | boolean);
  const insecure =
    flags.insecure ??
    parseBool(str(env.OS_INSECURE)) ??
    (verify === false ? true : (parseBool(top.insecure as string | boolean | undefined) ?? false));
  const mvSource = flags.osComputeApiVersion
    ? '--os-compute-api-version'
    : env.OS_COMPUTE_API_VERSION
      ? 'OS_COMPUTE_API_VERSION'
      : 'compute_api_version in clouds.yaml';
  const computeApiVersion = validateMicroversion(
    flags.osComputeApiVersion ?? str(env.OS_COMPUTE_API_VERSION) ?? str(top.compute_api_version),
    mvSource,
  );

  const config: CloudConfig = {
    cloudName: chosenName,
    sourceFile: chosenName ? file?.path : undefined,
    authType,
    auth,
    regionName,
    interface: iface,
    cacert,
    insecure,
    computeApiVersion,
  };
  validateCloudConfig(config, options.requireSecrets ?? true);
  return config;
}

/** Names the first missing or contradictory setting, with where it can be set. */
export function validateCloudConfig(config: CloudConfig, requireSecrets: boolean): void {
  const where = { name: config.cloudName, file: config.sourceFile };
  const missing = (field: keyof AuthSettings, what: string) => new ConfigError(`Missing ${what}: set ${whereToSet(field, where)}.`);
  const { auth } = config;
  if (!auth.authUrl) {
    if (!config.cloudName) {
      throw new ConfigError(
        'No cloud configured: choose a cloud from clouds.yaml with --os-cloud NAME (or OS_CLOUD), ' +
          'or set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME (or the matching --os-* flags).',
      );
    }
    throw missing('authUrl', 'auth URL');
  }
  if (!/^https?:\/\//.test(auth.authUrl)) {
    throw new ConfigError(`The auth URL '${auth.authUrl}' is not an http(s) URL (set ${whereToSet('authUrl', where)}).`);
  }
  switch (config.authType) {
    case 'password':
      if (!auth.username && !auth.userId) throw missing('username', 'username (or user id)');
      if (!auth.projectName && !auth.projectId) throw missing('projectName', 'project (Nova works within a project)');
      if (requireSecrets && !auth.password) throw missing('password', 'password');
      break;
    case 'v3applicationcredential':
      if (!auth.applicationCredentialId && !auth.applicationCredentialName)
        throw missing('applicationCredentialId', 'application credential id');
      if (auth.applicationCredentialName && !auth.applicationCredentialId && !auth.username && !auth.userId)
        throw new ConfigError('An application credential given by name also needs the user (username or user_id) that owns it.');
      if (requireSecrets && !auth.applicationCredentialSecret)
        throw missing('applicationCredentialSecret', 'application credential secret');
      break;
    case 'token':
      if (!auth.token) throw missing('token', 'token');
      if (!auth.projectName && !auth.projectId) throw missing('projectName', 'project (Nova works within a project)');
      break;
  }
}
