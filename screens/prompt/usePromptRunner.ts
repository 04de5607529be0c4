import { useCallback, useRef, type MutableRefObject } from 'react';
import type { NamedRef } from '../../src/auth/types.js';
import { dispatch } from '../../src/commands/dispatch.js';
import {
  interpretPromptLine,
  type CompletionSources,
  type FormName,
  type JumpTarget,
  type PromptAction,
} from '../../src/app/promptCommands.js';
import type { ServerFeed } from '../../src/app/serverFeed.js';
import { formatResult } from '../../src/commands/output.js';
import type { CommandContext, CommandResult, CommandSpec } from '../../src/commands/types.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import type { SessionInfo } from '../../src/session/session.js';
import type { Tone } from '../app/context.js';
import type { SetOverlay } from '../app/overlay.js';
import type { ResourceRoute, Route } from '../app/routes.js';

export interface PromptRunnerDeps {
  managers: Managers;
  /** This cloud's table: the built-in rows and the declared ones. */
  commands: readonly CommandSpec[];
  feed: ServerFeed;
  readOnly: boolean;
  info: SessionInfo;
  clouds: string[];
  dataCache: Map<string, unknown>;
  setOverlay: SetOverlay;
  notify: (text: string, tone?: Tone) => void;
  navigate: (route: Route) => void;
  jumpTo: (screen: JumpTarget | ResourceRoute) => void;
  openForm: (form: FormName, server?: Server) => void;
  pickCloud: () => void;
  pickProject: () => void;
  loadProjects: () => Promise<NamedRef[]>;
  projects: MutableRefObject<NamedRef[] | undefined>;
  onQuit: () => void;
  onSwitchCloud: (name: string) => void;
  onSwitchProject: (project: NamedRef) => void;
}

/**
 * What a ':' line does in the app: jumps, switches and forms are the app's own; every other line is
 * a one-shot command of the command table, parsed as on the command line, confirmed first when it
 * changes the cloud, run with its progress on the status line (Esc stops waiting), and its result
 * shown as a screen. Also where Tab finds its names.
 */
export function usePromptRunner(d: PromptRunnerDeps): {
  runLine: (line: string) => Promise<void>;
  completionSources: () => CompletionSources;
} {
  const deps = useRef(d);
  deps.current = d;
  const keypairs = useRef<string[] | undefined>(undefined);

  const showResult = useCallback((title: string, result: CommandResult) => {
    const { notify, navigate } = deps.current;
    if (result.kind === 'message' && !result.text.includes('\n')) return notify(result.text, result.failed ? 'error' : 'success');
    navigate({ screen: 'result', title, result: result.kind === 'message' ? { kind: 'text', text: result.text } : result });
    if (result.kind === 'message' && result.failed) notify('Some of it failed: see the messages.', 'error');
  }, []);

  const execute = useCallback(
    async (action: Extract<PromptAction, { kind: 'run' }>) => {
      const { managers, feed, readOnly, setOverlay, notify, dataCache } = deps.current;
      const controller = new AbortController();
      setOverlay({ kind: 'running', label: action.line, progress: `${action.line}…`, controller });
      const ctx: CommandContext = {
        managers: async () => managers,
        progress: {
          update: (text) => setOverlay((o) => (o?.kind === 'running' && o.controller === controller ? { ...o, progress: text } : o)),
          done: () => undefined,
        },
        signal: controller.signal,
      };
      try {
        const result = await dispatch(action.command, ctx, action.input, { readOnly });
        if (controller.signal.aborted) return;
        setOverlay(null);
        if (action.format || action.columns) {
          const text = formatResult(result, action.format ?? 'table', action.columns);
          showResult(action.line, result.kind === 'message' ? result : { kind: 'text', text });
        } else showResult(action.line, result);
      } catch (err) {
        setOverlay((o) => (o?.kind === 'running' && o.controller === controller ? null : o));
        notify(controller.signal.aborted ? 'Stopped waiting; what was already sent goes on in the cloud.' : describeError(err), 'error');
      } finally {
        if (action.command.mutating) {
          dataCache.clear();
          // Follow the servers the command named, so their new state shows at once.
          const named = ([] as string[]).concat(action.input.args.server ?? []);
          for (const s of feed.getSnapshot().servers) {
            if (named.includes(s.id) || named.includes(s.name) || (s.humanId && named.includes(s.humanId))) feed.watch(s.id);
          }
          void feed.pollSoon();
        }
        if (action.command.group === 'keypairs') keypairs.current = undefined;
      }
    },
    [showResult],
  );

  const runLine = useCallback(
    async (line: string) => {
      const dd = deps.current;
      let action: PromptAction | undefined;
      try {
        action = interpretPromptLine(line, { readOnly: dd.readOnly, commands: dd.commands });
      } catch (err) {
        return dd.notify(describeError(err), 'error');
      }
      if (!action) return;
      switch (action.kind) {
        case 'jump':
          return dd.jumpTo(action.screen);
        case 'resource':
          return dd.jumpTo({ screen: 'resource', plural: action.plural, title: action.title });
        case 'quit':
          return dd.onQuit();
        case 'text':
          return dd.navigate({ screen: 'result', title: action.title, result: { kind: 'text', text: action.text } });
        case 'switch-cloud':
          if (!action.name) return dd.pickCloud();
          if (!dd.clouds.includes(action.name)) {
            return dd.notify(
              `Cloud '${action.name}' is not in clouds.yaml${dd.clouds.length ? ` (clouds: ${dd.clouds.join(', ')})` : ''}.`,
              'error',
            );
          }
          return dd.onSwitchCloud(action.name);
        case 'switch-project': {
          if (!action.name) return dd.pickProject();
          try {
            const list = await dd.loadProjects();
            const p = list.find((x) => x.name === action.name || x.id === action.name);
            if (!p)
              return dd.notify(`You have no project '${action.name}'. Yours: ${list.map((x) => x.name ?? x.id).join(', ')}.`, 'error');
            return dd.onSwitchProject(p);
          } catch (err) {
            return dd.notify(`Cannot list your projects: ${describeError(err)}`, 'error');
          }
        }
        case 'form': {
          if (!action.server) return dd.openForm(action.form);
          const name = action.server;
          const controller = new AbortController();
          dd.setOverlay({ kind: 'running', label: `find ${name}`, progress: `Looking up server ${name}…`, controller });
          try {
            const server = await dd.managers.servers.find(name);
            if (controller.signal.aborted) return;
            dd.setOverlay(null);
            return dd.openForm(action.form, server);
          } catch (err) {
            if (controller.signal.aborted) return;
            dd.setOverlay(null);
            return dd.notify(describeError(err), 'error');
          }
        }
        case 'run': {
          if (!action.command.mutating) return execute(action);
          const run = action;
          return dd.setOverlay({
            kind: 'confirm',
            title: 'This changes the cloud',
            message: `Run '${run.line}' on ${dd.info.cloud ?? 'the cloud'} (project ${dd.info.project ?? '?'})?`,
            label: 'run it',
            danger: run.command.name.includes('delete'),
            onConfirm: () => void execute(run),
          });
        }
      }
    },
    [execute],
  );

  const completionSources = useCallback((): CompletionSources => {
    const { managers, readOnly, clouds, loadProjects, projects, commands } = deps.current;
    if (!keypairs.current) {
      keypairs.current = [];
      managers.keypairs.list().then(
        (k) => (keypairs.current = k.map((x) => x.name)),
        () => undefined,
      );
      loadProjects().catch(() => undefined);
    }
    return {
      cache: managers.cache,
      readOnly,
      commands,
      keypairs: keypairs.current,
      clouds,
      projects: projects.current?.map((p) => p.name ?? p.id),
    };
  }, []);

  return { runLine, completionSources };
}
