import { Box, Text, type Key } from 'ink';
import React, { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { NamedRef } from '../../src/auth/types.js';
import { preloadCompletion } from '../../src/app/preload.js';
import type { PromptHistory } from '../../src/app/history.js';
import type { FormName, JumpTarget } from '../../src/app/promptCommands.js';
import { ServerFeed, type ServerFeedOptions } from '../../src/app/serverFeed.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import type { SessionInfo } from '../../src/session/session.js';
import { BackupForm, BootForm, RebuildForm, ResizeForm, SnapshotForm, type FormOutcome } from '../forms/index.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { CommandPrompt, type CandidateList } from '../prompt/CommandPrompt.js';
import { usePromptRunner } from '../prompt/usePromptRunner.js';
import { actionsFor } from '../servers/serverActions.js';
import { useServerActions } from '../servers/useServerActions.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { LineInput } from '../widgets/LineInput.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { ActionMenu } from './ActionMenu.js';
import { AppContext, type AppApi, type Tone } from './context.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { globalKeys, screenKeys, type KeyHelp } from './keys.js';
import { Picker } from './Picker.js';
import type { Overlay } from './overlay.js';
import { crumb, isFilterable, type NavEntry, type Route } from './routes.js';
import { ScreenView } from './ScreenView.js';
import { useSwitching } from './useSwitching.js';
import { useKeys } from '../hooks/useKeys.js';

export interface AppProps {
  managers: Managers;
  info: SessionInfo;
  readOnly: boolean;
  history: PromptHistory;
  /** Clouds of clouds.yaml, for `C` and `:cloud`. */
  clouds: string[];
  feedOptions?: ServerFeedOptions;
  /** Poll period the forms use (tests make it short). */
  formPollMs?: number;
  initialRoute?: Route;
  /** The session is asking for the password again: the app keeps its state but takes no keys. */
  suspended?: boolean;
  onQuit: () => void;
  onSwitchCloud: (name: string) => void;
  onSwitchProject: (project: NamedRef) => void;
}

interface Message {
  text: string;
  tone: Tone;
}

const MESSAGE_MS = 8000;

/** Tells, in the commit that mounts it, that an overlay is listening to the keyboard. */
function Attach(props: { onAttach: (attached: boolean) => void }): null {
  const ref = useRef(props.onAttach);
  useLayoutEffect(() => {
    ref.current(true);
    return () => ref.current(false);
  }, []);
  return null;
}

/** Candidates laid out in columns: how many lines they take (at most 5). */
function candidateLayout(items: string[], width: number): { perLine: number; lines: number; colWidth: number } {
  const colWidth = Math.min(width - 2, Math.max(...items.map((i) => i.length), 1) + 2);
  const perLine = Math.max(1, Math.floor((width - 2) / colWidth));
  return { perLine, colWidth, lines: Math.min(5, Math.ceil(items.length / perLine)) };
}

/**
 * The frame of the interactive app: header, breadcrumb, the current screen, a status line (also
 * the ':' prompt and the '/' filter), and the keys that work here. It owns navigation, the
 * overlays (help, actions menu, confirmations, forms, pickers) and the global keys, and runs ':'
 * commands through the same command table as the one-shot CLI.
 */
export function App(props: AppProps): React.JSX.Element {
  const { managers, readOnly } = props;
  const { columns: width, rows } = useTerminalSize();
  const feed = useMemo(() => new ServerFeed(managers, props.feedOptions), [managers]);
  useEffect(() => () => feed.stop(), [feed]);
  const isAdmin = props.info.roles.includes('admin');

  const nextKey = useRef(1);
  const [stack, setStack] = useState<NavEntry[]>(() => [{ key: 0, route: props.initialRoute ?? { screen: 'servers' } }]);
  const stackRef = useRef(stack);
  stackRef.current = stack;
  const [filters, setFiltersState] = useState<Record<number, string>>({});
  const filtersRef = useRef(filters);
  const setFilters = useCallback((update: (f: Record<number, string>) => Record<number, string>) => {
    filtersRef.current = update(filtersRef.current);
    setFiltersState(filtersRef.current);
  }, []);
  const [overlay, setOverlayState] = useState<Overlay | null>(null);
  // Who owns the keyboard, known at once (before the next render) by every key handler.
  const overlayRef = useRef<Overlay | null>(null);
  const setOverlay = useCallback((next: Overlay | null | ((prev: Overlay | null) => Overlay | null)) => {
    const value = typeof next === 'function' ? next(overlayRef.current) : next;
    overlayRef.current = value;
    setOverlayState(value);
  }, []);
  const suspendedRef = useRef(false);
  suspendedRef.current = props.suspended === true;
  const keysFree = useCallback(() => overlayRef.current === null && !suspendedRef.current, []);
  const [message, setMessage] = useState<Message | null>(null);
  const [candidates, setCandidates] = useState<CandidateList | undefined>(undefined);
  const viewStore = useRef(new Map<string, unknown>()).current;
  const dataCache = useRef(new Map<string, unknown>()).current;
  const [dataEpoch, setDataEpoch] = useState(0);

  // Tab should know flavor and image names before their screens were opened.
  useEffect(() => {
    let alive = true;
    const t = setTimeout(() => {
      preloadCompletion(managers).then((p) => {
        if (!alive) return;
        if (p.flavors && !dataCache.has('flavors')) dataCache.set('flavors', p.flavors);
        if (p.images) feed.learnImageNames(p.images);
      }, () => undefined);
    }, 300);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [managers, feed, dataCache]);

  const top = stack[stack.length - 1]!;
  const filter = filters[top.key] ?? '';

  // Messages fade after a while; errors stay until the next one.
  useEffect(() => {
    if (!message || message.tone === 'error') return;
    const t = setTimeout(() => setMessage((m) => (m === message ? null : m)), MESSAGE_MS);
    return () => clearTimeout(t);
  }, [message]);

  const notify = useCallback((text: string, tone: Tone = 'info') => setMessage({ text, tone }), []);

  const navigate = useCallback((route: Route) => {
    setStack((s) => [...s, { key: nextKey.current++, route }]);
  }, []);

  /** Forgets the remembered view state of entries that left the stack. */
  const forget = useCallback(
    (gone: NavEntry[]) => {
      for (const e of gone) for (const k of [...viewStore.keys()]) if (k.startsWith(`${e.key}:`)) viewStore.delete(k);
    },
    [viewStore],
  );

  const back = useCallback(() => {
    setStack((s) => {
      if (s.length <= 1) return s;
      forget(s.slice(-1));
      return s.slice(0, -1);
    });
  }, [forget]);

  /** `:flavors` and friends: back to that list if it is on the way, else right above the first screen (k9s-like). */
  const jumpTo = useCallback(
    (screen: JumpTarget) => {
      setStack((s) => {
        const at = s.findIndex((e) => e.route.screen === screen);
        const keep = at >= 0 ? at + 1 : 1;
        forget(s.slice(keep));
        const kept = s.slice(0, keep);
        return at >= 0 ? kept : [...kept, { key: nextKey.current++, route: { screen } as Route }];
      });
    },
    [forget],
  );

  const openForm = useCallback(
    (form: FormName, server?: Server) => {
      if (readOnly) return notify('Read-only: forms that change the cloud are disabled (--read-only).', 'error');
      if (!server && (form === 'resize' || form === 'rebuild' || form === 'snapshot')) {
        return notify(`The ${form} form needs a server: select one and press a, or type :${form === 'snapshot' ? 'image-create' : form} SERVER.`, 'error');
      }
      setOverlay({ kind: 'form', form, server });
    },
    [readOnly, notify],
  );

  const openActions = useCallback(
    (server: Server) => {
      if (readOnly) return notify('Read-only: actions that change the cloud are disabled (--read-only).', 'error');
      setOverlay({ kind: 'menu', server });
    },
    [readOnly, notify],
  );

  const api: AppApi = useMemo(
    () => ({ managers, feed, info: props.info, readOnly, isAdmin, navigate, back, openActions, openForm, notify, viewStore, dataCache, dataEpoch, keysFree }),
    [managers, feed, props.info, readOnly, isAdmin, navigate, back, openActions, openForm, notify, viewStore, dataCache, dataEpoch, keysFree],
  );

  // --- server actions (from the menu) ---

  const chooseAction = useServerActions({ managers, feed, readOnly, setOverlay, notify, openForm, back, current: () => stackRef.current[stackRef.current.length - 1]!.route });

  const onFormClose = useCallback(
    (outcome: FormOutcome) => {
      setOverlay(null);
      if (outcome.kind === 'server') {
        // The form followed the server to its end state: open its detail (unless it is already open).
        feed.watch(outcome.serverId);
        void feed.pollSoon();
        const top = stackRef.current[stackRef.current.length - 1]!.route;
        if (!(top.screen === 'server' && top.id === outcome.serverId)) {
          navigate({ screen: 'server', id: outcome.serverId, name: feed.get(outcome.serverId)?.name ?? '' });
        }
      } else if (outcome.kind === 'image') {
        // A backup or snapshot is active: show it in the images list.
        dataCache.delete('images');
        setDataEpoch((e) => e + 1);
        jumpTo('images');
        notify(`Image ${outcome.imageId} is active.`, 'success');
      }
    },
    [feed, notify, dataCache, navigate, jumpTo],
  );

  // --- switching cloud and project ---

  const { pickCloud, pickProject, loadProjects, projects: projectsRef } = useSwitching({
    managers,
    info: props.info,
    clouds: props.clouds,
    setOverlay,
    onSwitchCloud: props.onSwitchCloud,
    onSwitchProject: props.onSwitchProject,
  });

  // --- the ':' prompt ---

  const { runLine, completionSources } = usePromptRunner({
    managers,
    feed,
    readOnly,
    info: props.info,
    clouds: props.clouds,
    dataCache,
    setOverlay,
    notify,
    navigate,
    jumpTo,
    openForm,
    pickCloud,
    pickProject,
    loadProjects,
    projects: projectsRef,
    onQuit: props.onQuit,
    onSwitchCloud: props.onSwitchCloud,
    onSwitchProject: props.onSwitchProject,
  });

  // --- global keys ---

  // Keys can arrive faster than the screen renders: who gets one is decided from refs, at once.
  // Until the prompt or filter field is listening, what is typed for it is applied here.
  const earlyKeys = useRef({ text: '', submit: false });
  const attached = useRef<Overlay['kind'] | null>(null);
  const takeEarlyKeys = useCallback(() => {
    const k = earlyKeys.current;
    earlyKeys.current = { text: '', submit: false };
    return k;
  }, []);

  const earlyKey = (kind: 'prompt' | 'filter', input: string, key: Key) => {
    const entry = stackRef.current[stackRef.current.length - 1]!.key;
    if (key.escape) {
      if (kind === 'filter') setFilters((f) => ({ ...f, [entry]: '' }));
      earlyKeys.current = { text: '', submit: false };
      return setOverlay(null);
    }
    const parts = input.split(/([\r\n\u007f\b])/).filter(Boolean);
    if (key.return) parts.push('\r');
    if (key.backspace || key.delete) parts.push('\u007f');
    for (const part of parts) {
      if (part === '\r' || part === '\n') {
        if (kind === 'filter') setOverlay(null);
        else earlyKeys.current.submit = true;
        return;
      }
      if (part === '\u007f' || part === '\b') {
        if (kind === 'filter') setFilters((f) => ({ ...f, [entry]: (f[entry] ?? '').slice(0, -1) }));
        else earlyKeys.current.text = earlyKeys.current.text.slice(0, -1);
      } else if (!key.ctrl && !key.meta && !key.tab) {
        const clean = part.replace(/[\u0000-\u001f\u007f]/g, '');
        if (kind === 'filter') setFilters((f) => ({ ...f, [entry]: (f[entry] ?? '') + clean }));
        else earlyKeys.current.text += clean;
      }
    }
  };

  useKeys((input, key) => {
    // Ctrl-C leaves from anywhere, forms included.
    if (key.ctrl && input === 'c') return props.onQuit();
    if (suspendedRef.current) return;
    const now = overlayRef.current;
    if (now) {
      if (now.kind === 'running' && key.escape) {
        now.controller.abort();
        setOverlay(null);
        notify('Stopped waiting; what was already sent goes on in the cloud.', 'error');
      } else if (attached.current !== now.kind) {
        if (now.kind === 'prompt' || now.kind === 'filter') earlyKey(now.kind, input, key);
        else if (now.kind === 'confirm') {
          if (input === 'y' || input === 'Y' || key.return) {
            setOverlay(null);
            now.onConfirm();
          } else if (input === 'n' || input === 'N' || key.escape) {
            setOverlay(null);
            notify('Cancelled; nothing was sent.');
          }
        } else if (now.kind === 'menu') {
          const server = feed.get(now.server.id) ?? now.server;
          const action = actionsFor(server).find((a) => a.hotkey === input);
          if (key.escape) setOverlay(null);
          else if (action) chooseAction(action, server);
        }
      }
      return;
    }
    const entry = stackRef.current[stackRef.current.length - 1]!;
    if (input === 'q') return props.onQuit();
    if (input === ':') {
      setMessage(null);
      return setOverlay({ kind: 'prompt' });
    }
    if (input === '?') return setOverlay({ kind: 'help' });
    if (input === '/') {
      if (isFilterable(entry.route)) setOverlay({ kind: 'filter' });
      else notify('Nothing to filter on this screen.');
      return;
    }
    if (key.escape) {
      if (filtersRef.current[entry.key]) return setFilters((f) => ({ ...f, [entry.key]: '' }));
      setMessage(null);
      return back();
    }
    if (input === 'C') return pickCloud();
    if (input === 'P') return pickProject();
  });

  // --- layout ---

  const frameHeight = Math.max(8, rows - 1);
  const candidateLines = overlay?.kind === 'prompt' && candidates && candidates.items.length ? candidateLayout(candidates.items, width).lines + (candidates.items.length > candidateLayout(candidates.items, width).perLine * 5 ? 1 : 0) : 0;
  const bodyHeight = Math.max(3, frameHeight - 4 - candidateLines);
  const covering = overlay && ['help', 'menu', 'confirm', 'form', 'picker'].includes(overlay.kind);
  const screenActive = overlay === null && !props.suspended;
  const keyCtx = { readOnly, isAdmin, depth: stack.length, hasFilter: !!filter };

  let footerKeys: KeyHelp[];
  let pinnedKeys: KeyHelp[] = [];
  switch (overlay?.kind) {
    case 'prompt':
      footerKeys = [
        { keys: 'Enter', help: 'run' }, { keys: 'Tab', help: 'complete' }, { keys: '↑/↓', help: 'history' }, { keys: 'Esc', help: 'close' },
      ];
      break;
    case 'filter':
      footerKeys = [{ keys: 'Enter', help: 'keep the filter' }, { keys: 'Esc', help: 'clear it' }, { keys: 'field:value', help: 'one field' }];
      break;
    case 'menu':
    case 'picker':
      footerKeys = [{ keys: 'j/k', help: 'move' }, { keys: 'Enter', help: 'choose' }, ...(overlay.kind === 'menu' ? [{ keys: 'letter', help: 'pick directly' }] : []), { keys: 'Esc', help: 'close' }];
      break;
    case 'confirm':
      footerKeys = [{ keys: 'y/Enter', help: 'yes' }, { keys: 'n/Esc', help: 'no' }];
      break;
    case 'help':
      footerKeys = [{ keys: 'j/k', help: 'scroll' }, { keys: 'Esc/?', help: 'close' }];
      break;
    case 'form':
      footerKeys = [{ keys: 'Esc', help: 'cancel the form' }, { keys: 'Ctrl-C', help: 'quit' }];
      break;
    case 'running':
      footerKeys = [{ keys: 'Esc', help: 'stop waiting' }, { keys: 'Ctrl-C', help: 'quit' }];
      break;
    default:
      footerKeys = screenKeys(top.route, keyCtx).filter((k) => k.footer);
      pinnedKeys = globalKeys(keyCtx).filter((k) => k.footer);
  }

  const crumbs = stack.map((e) => crumb(e.route));
  const crumbText = ' ' + crumbs.join(' › ');
  const rightFlags = [readOnly ? 'read-only' : '', isAdmin ? 'admin' : ''].filter(Boolean).join('  ');

  let statusLine: React.ReactNode;
  if (overlay?.kind === 'prompt') {
    statusLine = (
      <CommandPrompt
        history={props.history}
        sources={completionSources}
        width={width}
        initial={overlay.initial}
        onCandidates={setCandidates}
        takeEarlyKeys={takeEarlyKeys}
        onAttach={(on) => (attached.current = on ? 'prompt' : null)}
        isOwner={() => overlayRef.current?.kind === 'prompt'}
        onCancel={() => setOverlay(null)}
        onSubmit={(line) => {
          setOverlay(null);
          if (line.trim()) props.history.add(line.trim().replace(/^:+/, ''));
          void runLine(line);
        }}
      />
    );
  } else if (overlay?.kind === 'filter') {
    statusLine = (
      <LineInput
        prefix="/"
        value={filter}
        width={width}
        placeholder="filter: text or field:value (status:ACTIVE)"
        onAttach={(on) => (attached.current = on ? 'filter' : null)}
        isOwner={() => overlayRef.current?.kind === 'filter'}
        onChange={(v) => setFilters((f) => ({ ...f, [top.key]: v }))}
        onSubmit={() => setOverlay(null)}
        onCancel={() => {
          setFilters((f) => ({ ...f, [top.key]: '' }));
          setOverlay(null);
        }}
      />
    );
  } else if (overlay?.kind === 'running') {
    statusLine = <ProgressLine text={`${overlay.progress}   (Esc stops waiting)`} active />;
  } else if (message) {
    statusLine = (
      <Text wrap="truncate" color={color(message.tone === 'error' ? 'red' : message.tone === 'success' ? 'green' : undefined)}>
        {message.text.split('\n')[0]}
      </Text>
    );
  } else {
    statusLine = <Text dimColor wrap="truncate">{filter ? ` filter: ${filter}   (/ edits, Esc clears)` : ' '}</Text>;
  }

  let coverNode: React.ReactNode = null;
  if (overlay?.kind === 'help') {
    coverNode = (
      <HelpOverlay
        title={crumb(top.route)}
        screen={screenKeys(top.route, keyCtx)}
        global={globalKeys(keyCtx)}
        width={width}
        height={bodyHeight}
        onClose={() => setOverlay(null)}
      />
    );
  } else if (overlay?.kind === 'menu') {
    const server = feed.get(overlay.server.id) ?? overlay.server;
    coverNode = (
      <>
        <Attach key="attach-menu" onAttach={(on) => (attached.current = on ? 'menu' : null)} />
        <ActionMenu server={server} height={bodyHeight} onSelect={(a) => chooseAction(a, server)} onCancel={() => setOverlay(null)} />
      </>
    );
  } else if (overlay?.kind === 'confirm') {
    const o = overlay;
    coverNode = (
      <>
      <Attach key="attach-confirm" onAttach={(on) => (attached.current = on ? 'confirm' : null)} />
      <ConfirmDialog
        title={o.title}
        message={o.message}
        confirmLabel={o.label}
        danger={o.danger}
        onConfirm={() => {
          setOverlay(null);
          o.onConfirm();
        }}
        onCancel={() => {
          setOverlay(null);
          notify('Cancelled; nothing was sent.');
        }}
      />
      </>
    );
  } else if (overlay?.kind === 'picker') {
    coverNode = <Picker title={overlay.title} items={overlay.items} error={overlay.error} height={bodyHeight} onSelect={overlay.onSelect} onCancel={() => setOverlay(null)} />;
  } else if (overlay?.kind === 'form') {
    const formProps = { managers, readOnly, width, height: bodyHeight, onClose: onFormClose, pollIntervalMs: props.formPollMs };
    const s = overlay.server;
    coverNode =
      overlay.form === 'boot' ? <BootForm {...formProps} />
      : overlay.form === 'backup' ? <BackupForm {...formProps} server={s} />
      : overlay.form === 'snapshot' ? <SnapshotForm {...formProps} server={s!} />
      : overlay.form === 'resize' ? <ResizeForm {...formProps} server={s!} />
      : <RebuildForm {...formProps} server={s!} />;
  }

  let candidateNode: React.ReactNode = null;
  if (candidateLines && candidates) {
    const { perLine, colWidth } = candidateLayout(candidates.items, width);
    const lines: React.ReactNode[] = [];
    for (let l = 0; l < 5 && l * perLine < candidates.items.length; l++) {
      const slice = candidates.items.slice(l * perLine, (l + 1) * perLine);
      lines.push(
        <Text key={l} wrap="truncate">
          {' '}
          {slice.map((c, i) => {
            const index = l * perLine + i;
            return (
              <Text key={c} inverse={index === candidates.selected}>
                {c.padEnd(colWidth)}
              </Text>
            );
          })}
        </Text>,
      );
    }
    const hidden = candidates.items.length - perLine * 5;
    if (hidden > 0) lines.push(<Text key="more" dimColor>{` … ${hidden} more: type more letters`}</Text>);
    candidateNode = <Box flexDirection="column">{lines}</Box>;
  } else if (overlay?.kind === 'prompt' && candidates && candidates.items.length === 0) {
    // "no completions" shows in place of the candidates, without taking a line from the body.
  }

  return (
    <AppContext.Provider value={api}>
      <Box flexDirection="column" width={width} height={frameHeight}>
        <Header info={props.info} width={width} readOnly={readOnly} />
        <Box width={width}>
          <Box flexGrow={1}>
            <Text wrap="truncate" color={color('cyan')}>
              {crumbText}
            </Text>
          </Box>
          {rightFlags ? <Text dimColor>{` ${rightFlags} `}</Text> : null}
        </Box>
        <Box flexDirection="column" height={bodyHeight} overflow="hidden" display={covering ? 'none' : 'flex'}>
          <ScreenView key={top.key} entry={top} active={screenActive} width={width} height={bodyHeight} filter={filter} />
        </Box>
        {covering ? (
          <Box flexDirection="column" height={bodyHeight} overflow="hidden">
            {coverNode}
          </Box>
        ) : null}
        {candidateNode}
        <Box height={1}>{statusLine}</Box>
        <Box height={1}>
          <Footer keys={footerKeys} pinned={pinnedKeys} width={width} />
        </Box>
      </Box>
    </AppContext.Provider>
  );
}
