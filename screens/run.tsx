/** Placeholder until the interactive app lands: keeps the one-shot CLI buildable. */
export async function runApp(_globals: Record<string, unknown>): Promise<number> {
  process.stderr.write('novash: the interactive app is not available yet; use one-shot commands (novash help).\n');
  return 2;
}
