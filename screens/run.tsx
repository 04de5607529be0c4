/**
 * `novash` with no command on a terminal: the interactive app. This module loads nothing of Ink or
 * React itself, so that the environment can be settled before Ink reads it.
 */
export async function runApp(globals: Record<string, unknown>): Promise<number> {
  // Ink draws nothing but the last frame when it believes it runs under CI; on a terminal the
  // user is here, whatever CI variable a wrapper left behind.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // React's production build: the development one times every render for its dev tools.
  process.env.NODE_ENV ??= 'production';
  const { startApp } = await import('./app/start.js');
  return startApp(globals as Parameters<typeof startApp>[0]);
}
