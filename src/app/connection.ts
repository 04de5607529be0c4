import type { NamedRef } from '../auth/types.js';
import { listMyProjects } from '../auth/keystone.js';
import { loadCloudsFile } from '../config/cloudsYaml.js';
import type { OptionValues } from '../commands/types.js';
import type { Managers } from '../managers/index.js';

/** The option names that choose a cloud, a user and a project: dropped when switching to another cloud. */
const CONNECTION_KEYS = [
  'os-cloud',
  'os-auth-url',
  'os-auth-type',
  'os-username',
  'os-user-id',
  'os-password',
  'os-user-domain-name',
  'os-user-domain-id',
  'os-project-name',
  'os-project-id',
  'os-project-domain-name',
  'os-project-domain-id',
  'os-region-name',
  'os-interface',
  'os-cacert',
  'insecure',
  'os-application-credential-id',
  'os-application-credential-secret',
  'os-token',
];

/** The clouds of clouds.yaml (empty when there is none or it cannot be read). */
export function cloudNames(env: NodeJS.ProcessEnv = process.env): string[] {
  try {
    return Object.keys(loadCloudsFile(env)?.clouds ?? {}).sort();
  } catch {
    return [];
  }
}

/** Global options for another cloud of clouds.yaml: the start-up options minus every connection setting. */
export function globalsForCloud(globals: OptionValues, cloud: string): OptionValues {
  const out: OptionValues = {};
  for (const [k, v] of Object.entries(globals)) if (!CONNECTION_KEYS.includes(k)) out[k] = v;
  out['os-cloud'] = cloud;
  return out;
}

/**
 * Global options for another project of the same user on the same cloud: the project by id (so a
 * project_id in clouds.yaml cannot win over it), and the secret already in use, in memory only, so
 * switching does not ask for a prompted password again.
 */
export function globalsForProject(globals: OptionValues, managers: Managers, project: NamedRef): OptionValues {
  const out: OptionValues = {
    ...globals,
    'os-project-id': project.id,
    'os-project-name': undefined,
    'os-project-domain-name': undefined,
    'os-project-domain-id': undefined,
  };
  const auth = managers.session.config.auth;
  if (managers.session.config.cloudName && out['os-cloud'] === undefined) out['os-cloud'] = managers.session.config.cloudName;
  if (auth.password && out['os-password'] === undefined) out['os-password'] = auth.password;
  if (auth.applicationCredentialSecret && out['os-application-credential-secret'] === undefined) {
    out['os-application-credential-secret'] = auth.applicationCredentialSecret;
  }
  return out;
}

/** The projects the signed-in user can switch to (Keystone GET /v3/auth/projects), by name. */
export async function myProjects(managers: Managers): Promise<NamedRef[]> {
  const session = managers.session;
  const token = await session.getToken();
  const projects = await listMyProjects(session.http, session.config.auth.authUrl!, token.token);
  return projects.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
}
