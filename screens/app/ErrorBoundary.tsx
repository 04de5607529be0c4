import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { describeError } from '../../src/session/errors.js';
import { color } from '../theme.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

interface Props {
  children: React.ReactNode;
  onQuit: (error: unknown) => void;
}

interface State {
  error?: unknown;
  generation: number;
}

const CRASH_KEYS: Keymap<'restart' | 'quit'> = [
  { keys: ['r', 'enter'], label: 'r', help: 'restart the app', footer: 'restart', action: 'restart' },
  { keys: ['q'], help: 'quit', footer: 'quit', action: 'quit' },
];

function CrashScreen(props: { error: unknown; onRestart: () => void; onQuit: () => void }): React.JSX.Element {
  useKeymap(
    CRASH_KEYS,
    { restart: () => props.onRestart(), quit: () => props.onQuit() },
    { layer: 'system', modal: true, interrupt: props.onQuit },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
      <Text bold color={color('red')}>
        novash hit an internal error
      </Text>
      <Text>{describeError(props.error)}</Text>
      <Text> </Text>
      <Text>Nothing was sent to the cloud because of it. Please report it with what you were doing.</Text>
      <Text dimColor>r restart the app q quit</Text>
    </Box>
  );
}

/** A render crash shows a message (never a stack trace) and lets the user restart or quit cleanly. */
export class ErrorBoundary extends React.Component<Props, State> {
  override state: State = { generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  override componentDidCatch(): void {
    // The message is shown by render(); nothing is printed over the screen.
  }

  override render(): React.ReactNode {
    if (this.state.error !== undefined) {
      return (
        <CrashScreen
          error={this.state.error}
          onRestart={() => this.setState((s) => ({ error: undefined, generation: s.generation + 1 }))}
          onQuit={() => this.props.onQuit(this.state.error)}
        />
      );
    }
    return <React.Fragment key={this.state.generation}>{this.props.children}</React.Fragment>;
  }
}
