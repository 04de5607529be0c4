import { Box } from 'ink';
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import type { NamedRef } from '../../src/auth/types.js';
import { preloadCompletion } from '../../src/app/preload.js';
import type { PromptHistory } from '../../src/app/history.js';
import type { FormName } from '../../src/app/promptCommands.js';
import { ServerFeed, type ServerFeedOptions } from '../../src/app/serverFeed.js';
import { registerTable } from '../../src/commands/shell.js';
import { COMMANDS } from '../../src/commands/table.js';
import { extensionsFor } from '../../src/extensions/table.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import type { SessionInfo } from '../../src/session/session.js';
import type { FormOutcome } from '../forms/index.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { KeyLayerScope } from '../keys/KeyboardProvider.js';
import { READ_ONLY_REFUSAL } from '../keys/keymap.js';
import { KeymapHostContext, useKeymap, type KeymapHost } from '../keys/useKeymap.js';
import type { CandidateList } from '../prompt/CommandPrompt.js';
import { usePromptRunner } from '../prompt/usePromptRunner.js';
import { useServerActions } from '../servers/useServerActions.js';
import { color } from '../theme.js';
import { Text } from '../widgets/Text.js';
import { CandidateGrid, candidateLayout } from './CandidateGrid.js';
import { AppContext, type AppApi, type Tone } from './context.js';
import { Cover, isCovering } from './Cover.js';
import { Footer } from './Footer.js';
import { GLOBAL_KEYS } from './globalKeys.js';
import { Header } from './Header.js';
import type { Overlay } from './overlay.js';
import { crumb, type Route } from './routes.js';
import { ScreenView } from './ScreenView.js';
import { StatusLine, statusLineRows, type Message } from './StatusLine.js';
import { useNavigation } from './useNavigation.js';
import { useSwitching } from './useSwitching.js';

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
  onQuit: () => void;
  onSwitchCloud: (name: string) => void;
  onSwitchProject: (project: NamedRef) => void;
  /** Where extension files are found (NOVASH_EXTENSIONS, the config directory); default process.env. */
  env?: NodeJS.ProcessEnv;
}

const MESSAGE_MS = 8000;

/**
 * The frame of the interactive app: header, breadcrumb, the current screen, a status line (also
 * the ':' prompt and the '/' filter), and the keys that work here. It owns navigation
 * (useNavigation), the overlays (help, actions menu, confirmations, forms, pickers: Cover) and the
 * global keys (globalKeys.ts), and runs ':' commands through the same command table as the
 * one-shot CLI. Keys reach it through the one key layer (screens/keys).
 */
export function App(props: AppProps): React.JSX.Element {
  const { managers, readOnly } = props;
  const { columns: width, rows } = useTerminalSize();
  const feed = useMemo(() => new ServerFeed(managers, props.feedOptions), [managers]);
  useEffect(() => () => feed.stop(), [feed]);
  const isAdmin = props.info.roles.includes('admin');
  const viewStore = useMemo(() => new Map<string, unknown>(), []);
  const dataCache = useMemo(() => new Map<string, unknown>(), []);
  const [dataEpoch, setDataEpoch] = useState(0);
  const nav = useNavigation(props.initialRoute ?? { screen: 'servers' }, viewStore);
  const { top, navigate, back, jumpTo } = nav;
  const filter = nav.filters[top.key] ?? '';
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [candidates, setCandidates] = useState<CandidateList | undefined>(undefined);
  // This cloud's extension files, as the one-shot CLI loads them (same loader, same cloud filter);
  // the app is remounted for another cloud, so the set follows a switch.
  const extensions = useMemo(() => extensionsFor(props.info.cloud, COMMANDS, props.env, { screens: true }), [props.info.cloud, props.env]);
  const declaredNames = useMemo(
    () =>
      extensions.commands
        .slice(COMMANDS.length)
        .filter((c) => c.name !== 'extension-list')
        .map((c) => (c.group === 'app' ? `:${c.name}` : c.name)),
    [extensions],
  );
  // `:help` lists this cloud's table.
  useEffect(() => registerTable(extensions.commands), [extensions]);
  // A bad file: one message, and the app runs without it.
  useEffect(() => {
    if (extensions.warnings.length) setMessage({ text: extensions.warnings.join('; '), tone: 'error' });
  }, [extensions]);

  // Tab should know flavor and image names before their screens were opened.
  useEffect(() => {
    let alive = true;
    const t = setTimeout(() => {
      preloadCompletion(managers).then(
        (p) => {
          if (!alive) return;
          if (p.flavors && !dataCache.has('flavors')) dataCache.set('flavors', p.flavors);
          if (p.images) feed.learnImageNames(p.images);
        },
        () => undefined,
      );
    }, 300);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [managers, feed, dataCache]);

  // Messages fade after a while; errors stay until the next one.
  useEffect(() => {
    if (!message || message.tone === 'error') return;
    const t = setTimeout(() => setMessage((m) => (m === message ? null : m)), MESSAGE_MS);
    return () => clearTimeout(t);
  }, [message]);

  const notify = useCallback((text: string, tone: Tone = 'info') => setMessage({ text, tone }), []);

  const openForm = useCallback(
    (form: FormName, server?: Server) => {
      if (readOnly) return notify(READ_ONLY_REFUSAL, 'error');
      if (!server && (form === 'resize' || form === 'rebuild' || form === 'snapshot')) {
        return notify(
          `The ${form} form needs a server: select one and press a, or type :${form === 'snapshot' ? 'image-create' : form} SERVER.`,
          'error',
        );
      }
      setOverlay({ kind: 'form', form, server });
    },
    [readOnly, notify],
  );

  const openActions = useCallback(
    (server: Server) => {
      if (readOnly) return notify(READ_ONLY_REFUSAL, 'error');
      setOverlay({ kind: 'menu', server });
    },
    [readOnly, notify],
  );

  const openFilter = useCallback(() => setOverlay({ kind: 'filter' }), []);

  const api: AppApi = useMemo(
    () => ({
      managers,
      feed,
      info: props.info,
      readOnly,
      isAdmin,
      navigate,
      back,
      openActions,
      openForm,
      openFilter,
      notify,
      viewStore,
      dataCache,
      dataEpoch,
      commands: extensions.commands,
      resources: extensions.loaded.resources,
    }),
    [
      extensions,
      managers,
      feed,
      props.info,
      readOnly,
      isAdmin,
      navigate,
      back,
      openActions,
      openForm,
      openFilter,
      notify,
      viewStore,
      dataCache,
      dataEpoch,
    ],
  );
  const keymapHost: KeymapHost = useMemo(
    () => ({ ctx: { readOnly, isAdmin }, refuse: (why) => notify(why, 'error') }),
    [readOnly, isAdmin, notify],
  );

  const chooseAction = useServerActions({
    managers,
    feed,
    readOnly,
    setOverlay,
    notify,
    openForm,
    back,
    current: () => nav.current().route,
  });

  const onFormClose = useCallback(
    (outcome: FormOutcome) => {
      setOverlay(null);
      if (outcome.kind === 'server') {
        // The form followed the server to its end state: open its detail (unless it is already open).
        feed.watch(outcome.serverId);
        void feed.pollSoon();
        const route = nav.current().route;
        if (!(route.screen === 'server' && route.id === outcome.serverId)) {
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
    [feed, notify, dataCache, navigate, jumpTo, nav.current],
  );

  const { pickCloud, pickProject, loadProjects, projects } = useSwitching({
    managers,
    info: props.info,
    clouds: props.clouds,
    setOverlay,
    onSwitchCloud: props.onSwitchCloud,
    onSwitchProject: props.onSwitchProject,
  });

  const { runLine, completionSources } = usePromptRunner({
    managers,
    commands: extensions.commands,
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
    projects,
    onQuit: props.onQuit,
    onSwitchCloud: props.onSwitchCloud,
    onSwitchProject: props.onSwitchProject,
  });

  // The keys that work everywhere, below the screen's own (globalKeys.ts).
  useKeymap(
    GLOBAL_KEYS,
    {
      prompt: () => {
        setMessage(null);
        setOverlay({ kind: 'prompt' });
      },
      help: () => setOverlay({ kind: 'help' }),
      clearFilter: () => nav.setFilter(top.key, ''),
      back: () => {
        setMessage(null);
        back();
      },
      dismiss: () => setMessage(null),
      noFilter: () => notify('Nothing to filter on this screen.'),
      cloud: () => pickCloud(),
      project: () => pickProject(),
      quit: () => props.onQuit(),
    },
    { layer: 'global', interrupt: props.onQuit, ctx: { depth: nav.stack.length, hasFilter: !!filter, hasMessage: !!message } },
  );

  // ---- layout ----
  const frameHeight = Math.max(8, rows - 1);
  const showCandidates = overlay?.kind === 'prompt' && candidates && candidates.items.length > 0 ? candidates : undefined;
  const statusRows = statusLineRows(overlay, message, width);
  const bodyHeight = Math.max(3, frameHeight - 3 - statusRows - (showCandidates ? candidateLayout(showCandidates.items, width).lines : 0));
  const covering = isCovering(overlay);
  const crumbText = ' ' + nav.stack.map((e) => crumb(e.route)).join(' › ');
  const rightFlags = [readOnly ? 'read-only' : '', isAdmin ? 'admin' : ''].filter(Boolean).join('  ');

  return (
    <AppContext.Provider value={api}>
      <KeymapHostContext.Provider value={keymapHost}>
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
            <ScreenView key={top.key} entry={top} width={width} height={bodyHeight} filter={filter} />
          </Box>
          <KeyLayerScope layer="overlay">
            {covering && overlay ? (
              <Box flexDirection="column" height={bodyHeight} overflow="hidden">
                <Cover
                  overlay={overlay}
                  managers={managers}
                  feed={feed}
                  readOnly={readOnly}
                  width={width}
                  height={bodyHeight}
                  title={crumb(top.route)}
                  formPollMs={props.formPollMs}
                  close={() => setOverlay(null)}
                  onCancelled={() => {
                    setOverlay(null);
                    notify('Cancelled; nothing was sent.');
                  }}
                  chooseAction={chooseAction}
                  declared={declaredNames}
                  onFormClose={onFormClose}
                />
              </Box>
            ) : null}
            {showCandidates ? <CandidateGrid candidates={showCandidates} width={width} /> : null}
            <Box height={statusRows} flexDirection="column">
              <StatusLine
                overlay={overlay}
                message={message}
                filter={filter}
                width={width}
                history={props.history}
                sources={completionSources}
                onCandidates={setCandidates}
                onPromptSubmit={(line) => {
                  setOverlay(null);
                  if (line.trim()) props.history.add(line.trim().replace(/^:+/, ''));
                  void runLine(line);
                }}
                onFilterChange={(v) => nav.setFilter(top.key, v)}
                onClose={(clear) => {
                  if (clear) nav.setFilter(top.key, '');
                  setOverlay(null);
                }}
                onStopRunning={() => {
                  if (overlay?.kind === 'running') overlay.controller.abort();
                  setOverlay(null);
                  notify('Stopped waiting; what was already sent goes on in the cloud.', 'error');
                }}
              />
            </Box>
          </KeyLayerScope>
          <Box height={1}>
            <Footer width={width} />
          </Box>
        </Box>
      </KeymapHostContext.Provider>
    </AppContext.Provider>
  );
}
