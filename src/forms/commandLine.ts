import { shellJoin } from './shellQuote.js';

/**
 * The equivalent one-shot command of a form: `novash [--os-cloud NAME] COMMAND [options] [--] ARGS`,
 * quoted for a POSIX shell. `--` goes before the positionals when one of them starts with '-',
 * and an option value starting with '-' is joined to its flag (`--meta=-x=1`).
 */
export function novashCommand(
  cloudName: string | undefined,
  command: string,
  options: Array<[string] | [string, string]>,
  positionals: string[],
): string {
  const words = ['novash'];
  if (cloudName) words.push('--os-cloud', cloudName);
  words.push(command);
  // parseArgs refuses `--flag -value` as ambiguous: such a value goes as `--flag=-value`.
  for (const [flag, value] of options) {
    if (value === undefined) words.push(flag);
    else if (value.startsWith('-')) words.push(`${flag}=${value}`);
    else words.push(flag, value);
  }
  if (positionals.some((p) => p.startsWith('-'))) words.push('--');
  words.push(...positionals);
  return shellJoin(words);
}

/** A name when it is unique in the list (readable, and novash resolves it), else the id. */
export function refFor(list: ReadonlyArray<{ id: string; name: string }>, id: string): string {
  const item = list.find((x) => x.id === id);
  if (!item || !item.name) return id;
  return list.filter((x) => x.name === item.name).length === 1 ? item.name : id;
}

/** `novash resize --wait SERVER FLAVOR` */
export function resizeCommandLine(serverRef: string, flavorRef: string, cloudName?: string): string {
  return novashCommand(cloudName, 'resize', [['--wait']], [serverRef, flavorRef]);
}

/** `novash rebuild --wait SERVER IMAGE` */
export function rebuildCommandLine(serverRef: string, imageRef: string, cloudName?: string): string {
  return novashCommand(cloudName, 'rebuild', [['--wait']], [serverRef, imageRef]);
}
