import { splitCommandLine } from '../../src/commands/parse.js';
import type { CommandInput } from '../../src/commands/types.js';
import type { Server } from '../../src/managers/types.js';
import { UsageError } from '../../src/session/errors.js';

/** The edits the server detail view offers, each one a command of the table run on this server. */
export type ServerEditKind = 'meta-set' | 'meta-delete' | 'tag-add' | 'tag-delete' | 'rename' | 'description';

export interface ServerEdit {
  kind: ServerEditKind;
  /** The command of the table it runs (`:meta`, `:rename`...). */
  command: string;
  /** What the line asks for. */
  prompt: string;
  /** What the line starts with. */
  initial: (s: Server) => string;
  /** What the line becomes as the command's arguments; a UsageError when there is nothing to send. */
  input: (s: Server, text: string) => CommandInput;
}

/** The words of the line, as a shell splits them (quotes keep a value with spaces together). */
function words(text: string, what: string): string[] {
  const list = splitCommandLine(text);
  if (!list.length) throw new UsageError(`Type at least one ${what}.`);
  return list;
}

export const SERVER_EDITS: Record<ServerEditKind, ServerEdit> = {
  'meta-set': {
    kind: 'meta-set',
    command: 'meta',
    prompt: 'Set metadata (key=value …, quote values with spaces): ',
    initial: () => '',
    input: (s, text) => ({ args: { server: s.id, action: 'set', metadata: words(text, 'key=value') }, options: {} }),
  },
  'meta-delete': {
    kind: 'meta-delete',
    command: 'meta',
    prompt: 'Delete metadata keys: ',
    initial: () => '',
    input: (s, text) => ({ args: { server: s.id, action: 'delete', metadata: words(text, 'metadata key') }, options: {} }),
  },
  'tag-add': {
    kind: 'tag-add',
    command: 'server-tag-add',
    prompt: 'Add tags: ',
    initial: () => '',
    input: (s, text) => ({ args: { server: s.id, tag: words(text, 'tag') }, options: {} }),
  },
  'tag-delete': {
    kind: 'tag-delete',
    command: 'server-tag-delete',
    prompt: 'Delete tags: ',
    initial: () => '',
    input: (s, text) => ({ args: { server: s.id, tag: words(text, 'tag') }, options: {} }),
  },
  rename: {
    kind: 'rename',
    command: 'rename',
    prompt: 'New name: ',
    initial: (s) => s.name,
    // The whole line is the name, spaces and quotes included: rename checks it before sending.
    input: (s, text) => ({ args: { server: s.id, name: text }, options: {} }),
  },
  description: {
    kind: 'description',
    command: 'server-set',
    prompt: 'Description (empty removes it): ',
    initial: (s) => s.description ?? '',
    input: (s, text) => ({ args: { server: s.id }, options: { description: text } }),
  },
};
