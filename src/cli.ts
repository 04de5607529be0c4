#!/usr/bin/env node
import { isatty } from 'node:tty';
import { runComplete } from './commands/completeRun.js';
import { createManagers } from './commands/context.js';
import { dispatch } from './commands/dispatch.js';
import { LostAnswerError } from './commands/lostAnswer.js';
import { formatResult, outputOptions } from './commands/output.js';
import { parseCommandLine } from './commands/parse.js';
import { stderrProgress } from './commands/progress.js';
import { helpText, registerTable } from './commands/shell.js';
import { COMMANDS } from './commands/table.js';
import type { CommandContext } from './commands/types.js';
import { cliExtensions } from './extensions/index.js';
import { ConfigError } from './config/errors.js';
import type { Managers } from './managers/index.js';
import { ApiError, ResolveError, UsageError, describeError } from './session/errors.js';
import { TimingRecorder } from './session/log.js';
import { scrubSecrets } from './session/redact.js';
import { promptSecret } from './util/prompt.js';
import { safeLines } from './util/terminalText.js';
import { VERSION } from './version.js';

const EXIT_USAGE = 2;

const STATUS_LABELS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'OverLimit',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** Nova names its errors (itemNotFound, forbidden...); Keystone's "error" and Neutron's wrapper say nothing: use the status. */
function errorLabel(err: ApiError): string {
  if (err.kind === 'error' || err.kind === 'NeutronError' || /^http\d+$/.test(err.kind))
    return STATUS_LABELS[err.status] ?? `HTTP${err.status}`;
  return err.kind;
}

function printError(err: unknown, debug: boolean, secrets: Array<string | undefined>): void {
  // A lost answer keeps the label of what was lost (a 504 stays a GatewayTimeout).
  const labelled = err instanceof LostAnswerError ? err.lost : err;
  const prefix =
    labelled instanceof ResolveError ? 'ERROR (CommandError)' : labelled instanceof ApiError ? `ERROR (${errorLabel(labelled)})` : 'ERROR';
  // A server may echo what it was sent: whatever it says, a configured secret never reaches the screen.
  process.stderr.write(scrubSecrets(`${prefix}: ${describeError(err)}\n`, secrets));
  if (debug && err instanceof Error && err.stack) process.stderr.write(scrubSecrets(`${err.stack}\n`, secrets));
}

export interface MainOptions {
  /** Starts the interactive app; the launcher passes one so the one-shot bundle never holds Ink/React. */
  launchApp?: (globals: Record<string, unknown>) => Promise<number>;
}

async function defaultLaunchApp(globals: Record<string, unknown>): Promise<number> {
  const { runApp } = await import('../screens/run.js');
  return runApp(globals);
}

/** The value of `--flag VALUE` / `--flag=VALUE` in argv, read even when parsing failed. */
function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  // --- Site extensions (src/extensions): declared commands join the table for this run. ---
  const extensions = cliExtensions(argv, COMMANDS);
  const commands = extensions.commands;
  const findCommand = (name: string) => commands.find((c) => c.name === name || c.aliases?.includes(name));
  registerTable(commands);
  if (argv[0] === '__complete') return runComplete(argv.slice(1), commands);
  if (extensions.warnings.length) process.stderr.write(extensions.warnings.join('\n') + '\n');
  // --- end of site extensions ---
  let debug = argv.includes('--debug');
  let timings: TimingRecorder | undefined;
  const controller = new AbortController();
  let managers: Managers | undefined;
  const interrupted = new UsageError('Interrupted. What was already sent goes on in the cloud.');
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    // Said now: conf's file writer (when-exit) raises SIGINT again at once, and that second one
    // ends the process before the aborted request's error could reach the catch below.
    process.stderr.write(`ERROR: ${interrupted.message}\n`);
    controller.abort(interrupted);
  };
  try {
    const parsed = parseCommandLine(argv, findCommand);
    const { command, globals, input } = parsed;
    debug = globals.debug === true;
    if (globals.version) {
      process.stdout.write(`novash ${VERSION}\n`);
      return 0;
    }
    if (!command) {
      if (globals.help) {
        process.stdout.write(helpText(commands) + '\n');
        return 0;
      }
      if (process.stdin.isTTY && process.stdout.isTTY) {
        return await (options.launchApp ?? defaultLaunchApp)(globals);
      }
      process.stderr.write(
        'novash: no command given, and this is not a terminal, so the interactive app cannot start.\n' +
          "Use a one-shot command, e.g. 'novash list' or 'novash flavor-list' (see 'novash help').\n",
      );
      return EXIT_USAGE;
    }
    if (globals.help) {
      process.stdout.write(helpText(commands, command.name) + '\n');
      return 0;
    }
    // Checked before the command runs: a bad output option never follows a create.
    const output = outputOptions(globals, { isTTY: process.stdout.isTTY, columns: process.stdout.columns, env: process.env }, (m) =>
      process.stderr.write(`${m}\n`),
    );
    const dispatchOptions = { readOnly: globals['read-only'] === true };
    if (globals.timings) timings = new TimingRecorder();
    const ctx: CommandContext = {
      managers: async () =>
        (managers ??= createManagers(globals, {
          debug: debug ? (line) => process.stderr.write(`DEBUG ${line}\n`) : undefined,
          timings,
          // isatty, not process.stdin.isTTY: that would build a stdin stream no command reads.
          promptSecret: isatty(0) ? (q) => promptSecret(q) : undefined,
        })),
      progress: stderrProgress(),
      signal: controller.signal,
    };
    process.on('SIGINT', onSigint);
    const result = await dispatch(command, ctx, input, dispatchOptions);
    const text = formatResult(result, output);
    if (text) process.stdout.write(text + '\n');
    if (result.kind === 'message') {
      // What was done goes to stdout, what failed to stderr (the exit code says whether anything did).
      const errors = result.errors ?? [];
      if (errors.length) process.stderr.write(safeLines(errors.join('\n')) + '\n');
      return result.failed ? 1 : 0;
    }
    return 0;
  } catch (err) {
    // The session's secrets: configured, prompted (kept in the auth layer, not the config) and the token.
    const secrets = [
      ...(managers?.session.secrets() ?? []),
      argValue(argv, '--os-password'),
      argValue(argv, '--os-application-credential-secret'),
      argValue(argv, '--os-token'),
    ];
    if (controller.signal.aborted) return 130;
    printError(err, debug, secrets);
    return err instanceof UsageError || err instanceof ConfigError ? EXIT_USAGE : 1;
  } finally {
    process.off('SIGINT', onSigint);
    if (timings) process.stderr.write(timings.format() + '\n');
  }
}
