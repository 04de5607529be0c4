import { Text } from 'ink';
import React from 'react';
import type { KeyHelp } from './keys.js';

function label(k: KeyHelp): string {
  return k.short ?? k.help.split(/[(,:]/)[0]!.trim();
}

/**
 * The keys that work here on one line: the screen's own first, as many as fit, then the ones
 * that always work (command, back, help, quit), which are never crowded out.
 */
export function Footer(props: { keys: KeyHelp[]; pinned?: KeyHelp[]; width: number }): React.JSX.Element {
  const pinned = props.pinned ?? [];
  const len = (k: KeyHelp) => k.keys.length + label(k).length + 3;
  let room = props.width - pinned.reduce((s, k) => s + len(k), 0);
  const shown: KeyHelp[] = [];
  for (const k of props.keys) {
    if (len(k) > room) break;
    room -= len(k);
    shown.push(k);
  }
  return (
    <Text wrap="truncate" dimColor>
      {[...shown, ...pinned].map((k) => (
        <Text key={k.keys}>
          <Text bold>{k.keys}</Text>
          {` ${label(k)}  `}
        </Text>
      ))}
    </Text>
  );
}
