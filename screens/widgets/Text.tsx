import { Text as InkText, type TextProps } from 'ink';
import React from 'react';
import { safeLines, safeText } from '../../src/util/terminalText.js';

function clean(text: string, oneLine: boolean): string {
  const tabs = text.includes('\t') ? text.replace(/\t/g, '    ') : text;
  return oneLine ? safeText(tabs) : safeLines(tabs);
}

/**
 * Ink's Text, with every string in it made terminal-safe: names, faults, console output and error
 * text from a cloud may hold escape sequences (Ink itself lets colours and OSC titles through).
 * Control characters are shown in caret notation; a one-line (truncated) text shows line breaks as
 * ^J too, so a name cannot push the layout down. Every screen draws its text with this one.
 */
export function Text(props: TextProps): React.JSX.Element {
  const oneLine = props.wrap?.startsWith('truncate') ?? false;
  const children = React.Children.map(props.children, (c) => (typeof c === 'string' ? clean(c, oneLine) : c));
  return <InkText {...props}>{children}</InkText>;
}
