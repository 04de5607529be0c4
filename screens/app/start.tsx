import { render } from 'ink';
import { debugSink, type EarlyStart } from '../../src/app/launch.js';
import { createManagers } from '../../src/commands/context.js';
import type { OptionValues } from '../../src/commands/types.js';
import { describeError } from '../../src/session/errors.js';
import { traceStart, traceTerminal } from '../../src/util/startTrace.js';
import { Root } from './Root.js';
import type { ConnectFn } from './useConnection.js';

const ENTER_ALT = '\u001B[?1049h\u001B[H\u001B[2J';
const LEAVE_ALT = '\u001B[?25h\u001B[?1049l';

/**
 * Runs the full-screen app on this terminal until q / Ctrl-C. The alternate screen is entered
 * at start and always left (normal exit, a crash, a signal), so the shell comes back as it was.
 */
export async function startApp(globals: OptionValues, early?: EarlyStart): Promise<number> {
  const stdout = process.stdout;
  let connect: ConnectFn;
  if (early) connect = early.connect;
  else {
    const debug = debugSink(globals);
    connect = (g, promptSecret) => createManagers(g, { promptSecret, debug });
  }
  // The bundle (dist/app.cjs) starts yoga's WebAssembly without top-level await: wait for it here.
  await (globalThis as { __novashYogaReady?: Promise<void> }).__novashYogaReady;
  traceStart('screens-loaded');
  traceTerminal(process.stdin, stdout);
  let left = false;
  /** Gives the terminal back as it was: normal screen, cursor shown, no raw mode. Synchronous. */
  const leave = () => {
    if (left) return;
    left = true;
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    stdout.write(LEAVE_ALT);
  };
  process.on('exit', leave);
  stdout.write(ENTER_ALT);
  // Ink erases its previous frame line by line: after a resize that no longer matches the screen,
  // so start the next frame from a clean screen (this listener runs before Ink's own).
  const onResize = () => stdout.write('\u001B[2J\u001B[H');
  stdout.on('resize', onResize);

  let finish!: (result: { code: number; error?: unknown }) => void;
  const done = new Promise<{ code: number; error?: unknown }>((resolve) => (finish = resolve));
  // Set once the app is rendered; the fatal handler may run before that.
  const app: { instance?: ReturnType<typeof render> } = {};
  // Runs before any other handler (the launcher's prints the message and exits at once): the
  // terminal is restored first, so the message lands on the normal screen.
  const onFatal = (error: unknown) => {
    try {
      app.instance?.unmount();
    } catch {
      // restoring the terminal matters more
    }
    leave();
    finish({ code: 1, error });
  };
  process.prependListener('uncaughtException', onFatal);
  process.prependListener('unhandledRejection', onFatal);
  const onSignal = () => finish({ code: 130 });
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  const instance = (app.instance = render(<Root globals={globals} connect={connect} onExit={(code, error) => finish({ code, error })} />, {
    exitOnCtrlC: false,
    patchConsole: true,
  }));
  traceStart('rendered');
  const result = await done;
  try {
    instance.unmount();
    instance.cleanup();
  } catch {
    // the terminal is restored below whatever happened
  }
  stdout.off('resize', onResize);
  leave();
  process.off('exit', leave);
  process.off('uncaughtException', onFatal);
  process.off('unhandledRejection', onFatal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  if (result.error !== undefined) {
    process.stderr.write(`novash: the app stopped on an internal error: ${describeError(result.error)}\n`);
  }
  return result.code;
}
