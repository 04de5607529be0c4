import { FieldError } from './fieldError.js';
import { requireFieldVersion } from './versionGate.js';

/** What PUT /servers/{id} changes here: the name, and from 2.19 the description ('' or null removes it). */
export interface ServerUpdate {
  name?: string;
  description?: string | null;
}

/** `os:scheduler_hints`: `group` puts the server in a server group (its policy decides the host). */
export interface SchedulerHints {
  group?: string;
  /** Any other hint the cloud's scheduler filters read (e.g. same_host, different_host). */
  [hint: string]: string | string[] | undefined;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** `{"server": {"name", "description"}}` for PUT /servers/{id}; nothing is sent when a field is wrong. */
export function buildServerUpdate(changes: ServerUpdate, microversion: string): Record<string, unknown> {
  const server: Record<string, unknown> = {};
  if (changes.name !== undefined) {
    const n = [...changes.name].length;
    if (!changes.name.trim()) throw new FieldError('name', 'must not be empty.', 'The new name');
    if (n > 255) throw new FieldError('name', `is ${n} characters long; at most 255 are allowed.`, 'The new name');
    const c = CONTROL.exec(changes.name);
    if (c)
      throw new FieldError('name', `holds a control character (code ${c[0].charCodeAt(0)}); Nova refuses those in names.`, 'The new name');
    server.name = changes.name;
  }
  if (changes.description !== undefined) {
    requireFieldVersion(microversion, '2.19', 'description', 'A server description');
    const d = changes.description;
    if (d !== null) {
      const n = [...d].length;
      if (n > 255) throw new FieldError('description', `is ${n} characters long; at most 255 are allowed.`, 'The description');
      const c = CONTROL.exec(d);
      if (c)
        throw new FieldError(
          'description',
          `holds a control character (code ${c[0].charCodeAt(0)}); Nova refuses those.`,
          'The description',
        );
    }
    // novaclient's rule: an empty description removes it.
    server.description = d === '' ? null : d;
  }
  if (!Object.keys(server).length) throw new FieldError('name', 'or a description is needed: there is nothing to change.', 'A new name');
  return { server };
}

/** Checks the hints Nova validates itself (group must be a server group's UUID), then copies them. */
export function buildSchedulerHints(hints: SchedulerHints): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(hints)) {
    if (v === undefined) continue;
    if (!k.trim()) throw new FieldError('schedulerHints', 'must not hold an empty hint name.', 'Scheduler hints');
    out[k] = v;
  }
  if (out.group !== undefined && (typeof out.group !== 'string' || !UUID.test(out.group))) {
    throw new FieldError('schedulerHints', `group must be the ID (UUID) of a server group, not '${String(out.group)}'.`, 'Scheduler hints');
  }
  if (!Object.keys(out).length) throw new FieldError('schedulerHints', 'are empty.', 'Scheduler hints');
  return out;
}
