import { Text } from './Text.js';
import React, { useEffect, useState } from 'react';
import { color } from '../theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** One line of progress with a spinner while `active`. */
export function ProgressLine(props: { text: string; active?: boolean }): React.JSX.Element {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!props.active) return;
    const t = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 120);
    return () => clearInterval(t);
  }, [props.active]);
  return (
    <Text color={color('cyan')}>
      {props.active ? `${FRAMES[frame]} ` : '  '}
      {props.text}
    </Text>
  );
}
