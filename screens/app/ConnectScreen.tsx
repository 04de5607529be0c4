import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { ConfigError } from '../../src/config/errors.js';
import { AuthError, ConnectionError } from '../../src/session/errors.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { PasswordPrompt } from './PasswordPrompt.js';
import type { ConnectionState } from './useConnection.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

function errorTitle(err: unknown): string {
  if (err instanceof ConnectionError) return 'The cloud cannot be reached';
  if (err instanceof AuthError) return 'The cloud refused the credentials';
  if (err instanceof ConfigError) return 'The cloud is not configured';
  return 'Cannot connect';
}

export interface ConnectScreenProps {
  state: Exclude<ConnectionState, { phase: 'ready' }>;
  onRetry: () => void;
  onQuit: () => void;
  /** Go back to the cloud/project that worked (after a failed switch). */
  onBack?: () => void;
  backLabel?: string;
  /** Pick another cloud of clouds.yaml. */
  onChooseCloud?: () => void;
}

const CONNECT_KEYS: Keymap<'retry' | 'choose' | 'back' | 'quit'> = [
  { keys: ['r', 'enter'], label: 'r', help: 'retry', footer: 'retry', action: 'retry' },
  { keys: ['c'], help: 'choose another cloud (clouds.yaml)', footer: 'choose cloud', action: 'choose' },
  { keys: ['esc'], help: 'back to where you were', footer: 'back', action: 'back' },
  { keys: ['q'], help: 'quit', footer: 'quit', action: 'quit' },
];

/** Start-up and switching: a spinner, the masked password field, or a clear error with what to do next. */
export function ConnectScreen(props: ConnectScreenProps): React.JSX.Element {
  const { columns, rows } = useTerminalSize();
  const { state } = props;
  // While connecting, what is typed waits for the app (or the password field) that comes next.
  useKeyOwner(() => undefined, { active: state.phase === 'connecting', modal: true, ready: () => false, interrupt: props.onQuit });
  // The password field takes every key but Ctrl-C, which quits ("Ctrl-C quits" says the footer).
  useKeyOwner(() => false, { layer: 'global', active: state.phase === 'password', interrupt: props.onQuit });
  const { onBack, onChooseCloud } = props;
  useKeymap(
    CONNECT_KEYS,
    {
      retry: () => props.onRetry(),
      choose: onChooseCloud && (() => onChooseCloud()),
      back: onBack && (() => onBack()),
      quit: () => props.onQuit(),
    },
    { active: state.phase === 'error', modal: true, interrupt: props.onQuit },
  );
  let body: React.ReactNode;
  if (state.phase === 'connecting') {
    body = <ProgressLine text={`Connecting to ${state.label}…`} active />;
  } else if (state.phase === 'password') {
    body = <PasswordPrompt question={state.question} width={columns} onSubmit={state.submit} onCancel={state.cancel} />;
  } else {
    const hints = [
      'r retry',
      props.onChooseCloud ? 'c choose another cloud' : '',
      props.onBack ? `Esc back to ${props.backLabel ?? 'where you were'}` : '',
      'q quit',
    ];
    body = (
      <ErrorPanel
        error={state.error}
        title={state.label === 'the cloud' ? errorTitle(state.error) : `${errorTitle(state.error)} (${state.label})`}
        hint={hints.filter(Boolean).join('   ')}
      />
    );
  }
  return (
    <Box flexDirection="column" width={columns} height={Math.max(8, rows - 1)}>
      <Text bold inverse>
        {' novash'.padEnd(columns)}
      </Text>
      <Box flexDirection="column" paddingX={1} paddingY={1} flexGrow={1}>
        {body}
      </Box>
      <Text dimColor color={color(undefined)}>
        {state.phase === 'error' ? ' r retry   q quit' : ' Ctrl-C quits'}
      </Text>
    </Box>
  );
}
