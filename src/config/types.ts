/** Everything novash needs to reach one cloud, after clouds.yaml, secure.yaml, OS_* and flags are merged. */
export type AuthType = 'password' | 'v3applicationcredential' | 'token';
export type Interface = 'public' | 'internal' | 'admin';

export interface AuthSettings {
  authUrl?: string;
  username?: string;
  userId?: string;
  password?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  token?: string;
}

export interface CloudConfig {
  /** Name of the clouds.yaml entry, or undefined when everything came from OS_* / flags. */
  cloudName?: string;
  /** The clouds.yaml file the entry came from, for error messages. */
  sourceFile?: string;
  authType: AuthType;
  auth: AuthSettings;
  regionName?: string;
  interface: Interface;
  cacert?: string;
  insecure: boolean;
  /** A pinned compute microversion ("2.79"), or undefined to negotiate the latest both sides know. */
  computeApiVersion?: string;
}

/** Raw option values as they come from flags (or the TUI's ':' prompt). */
export interface ConnectionFlags {
  osCloud?: string;
  osAuthUrl?: string;
  osAuthType?: string;
  osUsername?: string;
  osUserId?: string;
  osPassword?: string;
  osUserDomainName?: string;
  osUserDomainId?: string;
  osProjectName?: string;
  osProjectId?: string;
  osProjectDomainName?: string;
  osProjectDomainId?: string;
  osRegionName?: string;
  osInterface?: string;
  osCacert?: string;
  insecure?: boolean;
  osApplicationCredentialId?: string;
  osApplicationCredentialSecret?: string;
  osToken?: string;
  osComputeApiVersion?: string;
}
