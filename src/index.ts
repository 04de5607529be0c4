/**
 * `import { createClient } from 'novash'`: the programmatic client and what it returns.
 * Nothing here loads the CLI or the app.
 */
export { createClient, NovaClient, type Client, type ClientOptions, type ClientServerAction } from './client.js';
export { DeclaredResourceManager, ResponseShapeError, type CreateResult, type DeclaredItem } from './managers/declared.js';
// Every manager's class and what it returns, as src/managers/index.ts exports them.
export type * from './managers/index.js';
export { ApiError, AuthError, ConnectionError, NotFoundError, ResolveError, UsageError } from './session/errors.js';
export { ConfigError } from './config/errors.js';
export type { SessionInfo } from './session/session.js';
export { loadExtensions, type LoadOptions } from './extensions/load.js';
export { FieldError } from './extensions/values.js';
export type { DeclaredActionOutcome } from './extensions/serverActions.js';
export type {
  DeclaredField,
  DeclaredResource,
  DeclaredServerAction,
  ExtensionFileReport,
  FieldType,
  FieldValue,
  LoadedExtensions,
  Operation,
} from './extensions/types.js';
