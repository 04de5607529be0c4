/**
 * `novash extension-list`: the extension files, what each adds, and whether this cloud serves
 * each declared path (a 404 from Nova's router means it does not).
 */
import type { CommandSpec } from '../commands/types.js';
import type { Managers } from '../managers/index.js';
import { ApiError, AuthError, describeError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import { stateDirs } from '../util/paths.js';
import { declaredActionPath, declaredActionRequestText } from './serverActions.js';
import type { DeclaredResource, DeclaredServerAction, LoadedExtensions } from './types.js';

/** A server id no server has: probing an action on it can change nothing. */
const NO_SERVER = '00000000-0000-0000-0000-000000000000';

/** What Nova's router answers for a path it has no route for (plain text or JSON, same sentence). */
function isNoRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && /resource could not be found/i.test(err.message);
}

/** A refused login says nothing about the paths: the command fails with it, like any other. */
function isLoginProblem(err: unknown): boolean {
  return err instanceof AuthError || (err instanceof ApiError && err.status === 401);
}

/** Nova wraps its router's webob text into JSON, "<br />" and all: one plain line. */
function oneLine(message: string): string {
  return message
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

async function microversionGap(m: Managers, min: string | undefined): Promise<string | undefined> {
  if (!min) return undefined;
  const mv = await m.session.computeMicroversion();
  return atLeast(mv, min) ? undefined : `needs compute ${min}; this session uses ${mv}`;
}

async function probeResource(m: Managers, r: DeclaredResource): Promise<string> {
  if (!r.operations.has('list')) return 'not probed (no list)';
  if (r.service === 'compute') {
    const gap = await microversionGap(m, r.minMicroversion);
    if (gap) return gap;
  }
  try {
    const res = await m.session.request(r.service, 'GET', r.path);
    const body = res.body as Record<string, unknown> | undefined;
    const list = body && typeof body === 'object' ? body[r.listKey] : undefined;
    return Array.isArray(list) ? `served (${list.length} listed)` : `answers, but not with a '${r.listKey}' list: check list_key`;
  } catch (err) {
    if (isLoginProblem(err)) throw err;
    if (err instanceof ApiError && err.status === 404) return `404: not served by this cloud (${oneLine(err.message)})`;
    if (err instanceof ApiError) return `served; GET answered ${err.status}: ${oneLine(err.message)}`;
    return `not reached: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * An action is probed on a server that does not exist: Nova's router answers 404 "resource could
 * not be found" for a member path it does not know, and 400 "There is no such action" for an
 * unknown /action key; anything else (a 404 about the instance, a 400 about the body, 403...)
 * means the path is served.
 */
async function probeAction(m: Managers, a: DeclaredServerAction, readOnly: boolean): Promise<string> {
  const gap = await microversionGap(m, a.minMicroversion);
  if (gap) return gap;
  if (readOnly) return 'not probed under --read-only (the probe is a POST, to a server that does not exist)';
  const body = a.request.style === 'member' ? {} : { [a.request.key]: null };
  try {
    await m.session.request('compute', 'POST', declaredActionPath(a, NO_SERVER), { json: body });
    return 'served';
  } catch (err) {
    if (isLoginProblem(err)) throw err;
    if (isNoRoute(err)) return `404: not served by this cloud`;
    if (err instanceof ApiError && err.status === 400 && /no such action/i.test(err.message)) return `not served: ${oneLine(err.message)}`;
    if (err instanceof ApiError) return 'served';
    return `not reached: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function extensionListCommand(loaded: LoadedExtensions, env: NodeJS.ProcessEnv = process.env): CommandSpec {
  return {
    name: 'extension-list',
    group: 'shell',
    summary: 'List the extension files, what each declares, and which declared paths this cloud serves',
    positionals: [],
    options: { local: { type: 'boolean', help: 'Only read the files; send nothing to the cloud' } },
    mutating: false,
    examples: ['novash extension-list', 'NOVASH_EXTENSIONS=examples/extensions/site.yaml novash extension-list'],
    async run(ctx, input) {
      if (!loaded.files.length) {
        const dir = `${stateDirs(env).config}/extensions`;
        return {
          kind: 'message',
          text: `No extension files: put declarations in ${dir}/*.yaml or name files in NOVASH_EXTENSIONS (see the README, "Site extensions").`,
        };
      }
      const probe = input.options.local !== true && (loaded.resources.length > 0 || loaded.actions.length > 0);
      // Without a usable cloud (none configured), the files are still listed: what they add is local.
      let m: Managers | undefined;
      let notProbed = 'not probed';
      if (probe) {
        try {
          m = await ctx.managers();
        } catch (err) {
          notProbed = `not probed: ${describeError(err)}`;
        }
      }
      const rows: Array<[string, string, string, string]> = [];
      for (const f of loaded.files) {
        if (f.error) rows.push([f.path, '(ignored)', '', `error: ${f.error}`]);
        else if (f.skipped) rows.push([f.path, '(not for this cloud)', '', f.skipped]);
      }
      const answers = await Promise.all([
        ...loaded.resources.map(
          async (r) =>
            [
              r.source.file,
              `resource ${r.name} (${Object.keys(r.commands).join(', ')})`,
              `${r.service} ${r.path}`,
              m ? await probeResource(m, r) : notProbed,
            ] as [string, string, string, string],
        ),
        ...loaded.actions.map(
          async (a) =>
            [
              a.source.file,
              `server action ${a.name}`,
              declaredActionRequestText(a),
              m ? await probeAction(m, a, ctx.readOnly === true) : notProbed,
            ] as [string, string, string, string],
        ),
      ]);
      rows.push(...answers);
      return {
        kind: 'table',
        columns: ['File', 'Declares', 'Request', 'This cloud'],
        rows,
        data: { files: loaded.files, probes: answers.map(([file, declares, request, cloud]) => ({ file, declares, request, cloud })) },
      };
    },
  };
}
