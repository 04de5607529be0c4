/**
 * Site extensions: resources and server actions declared in YAML files, turned into rows of the
 * command table, managers, and (screens/resources) app screens — with no code per extension.
 */
import type { CommandSpec } from '../commands/types.js';
import { connectionFlags } from '../commands/connectionFlags.js';
import { resolveCloudConfig } from '../config/resolve.js';
import { extensionsFor } from './table.js';
import type { LoadedExtensions } from './types.js';

export { BUILT_IN_PLURALS, extensionPaths, loadExtensions, type LoadOptions } from './load.js';
export { declaredResourceCommands, declaredManager, itemRecord } from './resourceCommands.js';
export { declaredActionCommand, declaredServerActionCommands, declaredServerOperation, declarationOf } from './actionOperation.js';
export { extensionCommands, extensionsFor, resourceScreenCommand, screenCommands, type CloudExtensions } from './table.js';
export { extensionListCommand } from './extensionList.js';
export {
  declaredActionBody,
  declaredActionConfirmText,
  declaredActionPath,
  declaredActionRefusal,
  declaredActionRequestText,
  sendDeclaredServerAction,
  type DeclaredActionOutcome,
} from './serverActions.js';
export { FieldError, parseValue, valueProblem, valueText } from './values.js';
export { actionFormFields, draftOk, readDraft, resourceFormFields, type Draft, type FormField } from './formDraft.js';
export { DeclarationError } from './yamlReader.js';
export type * from './types.js';

/** The --os-cloud of a command line (either spelling), else OS_CLOUD. */
function cloudInArgv(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const i = argv.indexOf('--os-cloud');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith('--os-cloud='));
  if (eq) return eq.slice('--os-cloud='.length);
  return env.OS_CLOUD || undefined;
}

export interface CliExtensions {
  loaded: LoadedExtensions;
  /** The built-in commands followed by the declared ones. */
  commands: CommandSpec[];
  /** One line per ignored file, for stderr. */
  warnings: string[];
}

/**
 * For the one-shot CLI: the extensions of the cloud this command line is for, merged into the
 * table. The cloud's name is looked up (clouds.yaml with one cloud) only when a file names clouds.
 */
export function cliExtensions(argv: readonly string[], builtins: CommandSpec[], env: NodeJS.ProcessEnv = process.env): CliExtensions {
  const cloud = () => cloudInArgv(argv, env) ?? resolveCloudConfig(connectionFlags({}), { env, requireSecrets: false }).cloudName;
  const { loaded, commands, warnings } = extensionsFor(cloud, builtins, env);
  return { loaded, commands, warnings: warnings.map((w) => `WARNING: ${w}`) };
}
