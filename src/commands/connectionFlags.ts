import type { ConnectionFlags } from '../config/types.js';
import type { OptionValues } from './types.js';

// Apart from context.ts: completion and help need it without loading the HTTP client.

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
