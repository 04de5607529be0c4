/**
 * Declared server actions at work: the body from the arguments, the request in either of Nova's
 * styles (member path or /action key), the answer read as declared, and whether an action
 * applies to a server's current state.
 */
import type { Server } from '../managers/types.js';
import { ResponseShapeError } from '../managers/declared.js';
import { ConnectionError, UsageError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import type { DeclaredServerAction, FieldValue } from './types.js';
import { FieldError, checkValue } from './values.js';

/** What came back from a declared action. */
export interface DeclaredActionOutcome {
  /** The answer's body as sent ('' when empty). */
  body: unknown;
  requestId?: string;
  /** response.holds image: the new image's id (`--wait` follows it to active). */
  imageId?: string;
  /** response.holds text. */
  text?: string;
  /** response.holds record. */
  record?: Record<string, unknown>;
}

/** The request path of an action for a server. */
export function declaredActionPath(action: DeclaredServerAction, serverId: string): string {
  const base = `/servers/${encodeURIComponent(serverId)}`;
  return action.request.style === 'member' ? `${base}/${action.request.path}` : `${base}/action`;
}

/** A one-line description of the request ("POST /servers/{id}/backup_instance"). */
export function declaredActionRequestText(action: DeclaredServerAction): string {
  return action.request.style === 'member'
    ? `POST /servers/{id}/${action.request.path}`
    : `POST /servers/{id}/action {"${action.request.key}": ${action.arguments.length ? '{...}' : 'null'}}`;
}

/**
 * The body: the arguments (checked against their declaration, defaults filled in), bare for a
 * member path, under the action key for /action — `{"<key>": null}` when the action has none.
 */
export function declaredActionBody(action: DeclaredServerAction, values: Record<string, unknown>): unknown {
  const args: Record<string, FieldValue> = {};
  for (const key of Object.keys(values)) {
    if (values[key] === undefined) continue;
    const f = action.arguments.find((a) => a.key === key);
    if (!f)
      throw new FieldError(
        key,
        `is not an argument of ${action.name} (${action.arguments.map((a) => a.key).join(', ') || 'it takes none'})`,
      );
    args[key] = checkValue(f, values[key]);
  }
  for (const f of action.arguments) {
    if (args[f.key] === undefined && f.default !== undefined) args[f.key] = f.default;
    if (args[f.key] === undefined && f.required) throw new FieldError(f.key, 'is required');
  }
  if (action.request.style === 'member') return args;
  return { [action.request.key]: action.arguments.length ? args : null };
}

/** Why the action does not apply to the server now, or undefined when it does. */
export function declaredActionRefusal(
  action: DeclaredServerAction,
  server: Pick<Server, 'status' | 'taskState' | 'locked'>,
): string | undefined {
  const a = action.appliesTo;
  if (a.statuses && !a.statuses.includes(server.status))
    return `${action.name} applies to ${a.statuses.join(', ')} servers; this one is ${server.status}`;
  if (a.taskStateIdle && server.taskState) return `${action.name} waits for the server's task (${server.taskState}) to finish`;
  if (a.locked === false && server.locked) return `${action.name} does not apply to a locked server`;
  if (a.locked === true && !server.locked) return `${action.name} applies to locked servers only`;
  return undefined;
}

/** The confirmation text with {server} and {<argument>} filled in. */
export function declaredActionConfirmText(
  action: DeclaredServerAction,
  server: Pick<Server, 'name' | 'id'>,
  values: Record<string, unknown>,
): string {
  const template = action.confirm ?? `${action.label} server {server}?`;
  return template.replace(/\{([^{}]*)\}/g, (_, ref: string) => {
    if (ref === 'server') return server.name || server.id;
    const f = action.arguments.find((x) => x.key === ref);
    const v = values[ref] ?? f?.default;
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** Sends the action for one server (once: a POST is never retried) and reads the answer as declared. */
export async function sendDeclaredServerAction(
  session: Session,
  action: DeclaredServerAction,
  serverId: string,
  values: Record<string, unknown>,
  /** explainLost (default true): a lost answer says the request may have reached Nova. */
  options: { signal?: AbortSignal; explainLost?: boolean } = {},
): Promise<DeclaredActionOutcome> {
  const body = declaredActionBody(action, values);
  if (action.minMicroversion) {
    const mv = await session.computeMicroversion();
    if (!atLeast(mv, action.minMicroversion)) {
      throw new UsageError(
        `${action.name} needs compute API ${action.minMicroversion} or later; this session uses ${mv} (the cloud's maximum, or --os-compute-api-version).`,
      );
    }
  }
  let res;
  try {
    res = await session.request('compute', 'POST', declaredActionPath(action, serverId), { json: body, signal: options.signal });
  } catch (err) {
    if (err instanceof ConnectionError && action.mutating && options.explainLost !== false) {
      throw new ConnectionError(
        `${err.message}. The ${action.name} request may or may not have reached Nova: check the server before trying again.`,
        err.url,
        err.code,
      );
    }
    throw err;
  }
  const outcome: DeclaredActionOutcome = { body: res.body, requestId: res.requestId };
  const resp = action.response;
  if (!resp) return outcome;
  const doc = res.body;
  const value = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[resp.key] : undefined;
  if (value === undefined || value === null) {
    throw new ResponseShapeError(
      `The cloud's answer to ${action.name} has no '${resp.key}' (${typeof doc === 'string' && !doc ? 'an empty body' : `its keys: ${doc && typeof doc === 'object' ? Object.keys(doc).join(', ') : typeof doc}`}); check response.key in ${action.source.file}.`,
    );
  }
  if (resp.holds === 'image') outcome.imageId = String(value);
  else if (resp.holds === 'text') outcome.text = typeof value === 'string' ? value : JSON.stringify(value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) outcome.record = value as Record<string, unknown>;
  else
    throw new ResponseShapeError(
      `The cloud's answer to ${action.name} has '${resp.key}' but not as an object; check response.holds in ${action.source.file}.`,
    );
  return outcome;
}
