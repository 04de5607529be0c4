import { startEarly } from '../src/app/launch.js';
import type { OptionValues } from '../src/commands/types.js';

/**
 * `novash` with no command on a terminal: the interactive app. The first servers list is asked for
 * before Ink and React are loaded (in dist/app.cjs their code runs only from the import below), so
 * Nova answers while they load; the environment is settled before Ink reads it.
 */
export async function runApp(globals: Record<string, unknown>): Promise<number> {
  // Ink draws nothing but the last frame when it believes it runs under CI; on a terminal the
  // user is here, whatever CI variable a wrapper left behind.
  const env = process.env;
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  // React's production build: the development one times every render for its dev tools.
  env.NODE_ENV ??= 'production';
  const options = globals as OptionValues;
  const early = startEarly(options);
  // Loading the screens keeps the thread busy: let the request go out first.
  await early.sent;
  const { startApp } = await import('./app/start.js');
  return startApp(options, early);
}
