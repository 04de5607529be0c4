import React, { useCallback, useMemo, useState } from 'react';
import type { NamedRef } from '../../src/auth/types.js';
import { cloudNames, globalsForCloud, globalsForProject } from '../../src/app/connection.js';
import { PromptHistory } from '../../src/app/history.js';
import type { ServerFeedOptions } from '../../src/app/serverFeed.js';
import type { OptionValues } from '../../src/commands/types.js';
import { App } from './App.js';
import { ConnectScreen } from './ConnectScreen.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { PasswordPrompt } from './PasswordPrompt.js';
import { Picker } from './Picker.js';
import type { Route } from './routes.js';
import { useConnection, type ConnectFn } from './useConnection.js';
import { Box } from 'ink';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { KeyboardProvider, KeyLayerScope } from '../keys/KeyboardProvider.js';

export interface RootProps {
  /** The global options `novash` was started with (os-cloud, read-only, debug, ...). */
  globals: OptionValues;
  connect: ConnectFn;
  /** Exit code 0 for q / Ctrl-C; the error when the user quits from the crash screen. */
  onExit: (code: number, error?: unknown) => void;
  history?: PromptHistory;
  env?: NodeJS.ProcessEnv;
  feedOptions?: ServerFeedOptions;
  formPollMs?: number;
  initialRoute?: Route;
}

interface Target {
  globals: OptionValues;
  label: string;
}

/**
 * Connection (and switching) around the app, with the crash boundary and the one keyboard
 * listener. What is drawn instead of the app or over it (connecting, the password, the crash
 * screen, choosing a cloud) takes the keys in the system layer, above everything the app has.
 */
export function Root(props: RootProps): React.JSX.Element {
  return (
    <KeyboardProvider>
      <Connected {...props} />
    </KeyboardProvider>
  );
}

function Connected(props: RootProps): React.JSX.Element {
  const [target, setTarget] = useState<Target>({ globals: props.globals, label: 'start' });
  const [previous, setPrevious] = useState<Target | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [choosing, setChoosing] = useState(false);
  const conn = useConnection(target.globals, String(attempt), props.connect);
  const history = useMemo(() => props.history ?? new PromptHistory(), [props.history]);
  const clouds = useMemo(() => cloudNames(props.env), [props.env, target]);
  const { rows, columns } = useTerminalSize();
  const readOnly = props.globals['read-only'] === true;
  const quit = useCallback(() => props.onExit(0), [props.onExit]);

  const switchTo = useCallback(
    (next: Target) => {
      if (conn.phase === 'ready') setPrevious({ ...target, label: `${conn.info.cloud ?? 'cloud'} / ${conn.info.project ?? 'project'}` });
      setTarget(next);
    },
    [conn, target],
  );

  if (choosing) {
    return (
      <KeyLayerScope layer="system">
        <Box paddingY={1}>
          <Picker
            title="Choose a cloud (clouds.yaml)"
            items={clouds.map((c) => ({ label: c, value: c }))}
            error={clouds.length ? undefined : new Error('No clouds.yaml with clouds was found.')}
            height={rows - 3}
            onSelect={(name) => {
              setChoosing(false);
              setTarget({ globals: globalsForCloud(props.globals, name), label: name });
            }}
            onCancel={() => setChoosing(false)}
          />
        </Box>
      </KeyLayerScope>
    );
  }

  if (conn.phase !== 'ready') {
    return (
      <KeyLayerScope layer="system">
        <ConnectScreen
          state={conn}
          onRetry={() => setAttempt((a) => a + 1)}
          onQuit={quit}
          onBack={
            conn.phase === 'error' && previous
              ? () => {
                  setTarget(previous);
                  setPrevious(undefined);
                }
              : undefined
          }
          backLabel={previous?.label}
          onChooseCloud={clouds.length ? () => setChoosing(true) : undefined}
        />
      </KeyLayerScope>
    );
  }

  const secret = conn.secret;
  return (
    <ErrorBoundary onQuit={(err) => props.onExit(1, err)}>
      {secret ? (
        <KeyLayerScope layer="system">
          <Box paddingX={1} paddingY={1}>
            <PasswordPrompt
              question={`The session expired. ${secret.question.trim()}`}
              width={columns}
              onSubmit={secret.submit}
              onCancel={secret.cancel}
            />
          </Box>
        </KeyLayerScope>
      ) : null}
      <Box display={secret ? 'none' : 'flex'}>
        <App
          key={conn.id}
          managers={conn.managers}
          info={conn.info}
          readOnly={readOnly}
          history={history}
          clouds={clouds}
          feedOptions={props.feedOptions}
          formPollMs={props.formPollMs}
          initialRoute={props.initialRoute}
          env={props.env}
          onQuit={quit}
          onSwitchCloud={(name) => switchTo({ globals: globalsForCloud(props.globals, name), label: name })}
          onSwitchProject={(p: NamedRef) =>
            switchTo({ globals: globalsForProject(target.globals, conn.managers, p), label: p.name ?? p.id })
          }
        />
      </Box>
    </ErrorBoundary>
  );
}
