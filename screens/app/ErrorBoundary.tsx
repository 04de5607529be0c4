import { Box, Text } from 'ink';
import React from 'react';
import { describeError } from '../../src/session/errors.js';
import { color } from '../theme.js';
import { useKeys } from '../hooks/useKeys.js';

interface Props {
  children: React.ReactNode;
  onQuit: (error: unknown) => void;
}

interface State {
  error?: unknown;
  generation: number;
}

function CrashScreen(props: { error: unknown; onRestart: () => void; onQuit: () => void }): React.JSX.Element {
  useKeys((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) props.onQuit();
    else if (input === 'r' || key.return) props.onRestart();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
      <Text bold color={color('red')}>novash hit an internal error</Text>
      <Text>{describeError(props.error)}</Text>
      <Text> </Text>
      <Text>Nothing was sent to the cloud because of it. Please report it with what you were doing.</Text>
      <Text dimColor>r restart the app   q quit</Text>
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
