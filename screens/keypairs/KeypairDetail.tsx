import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { useApp, type ScreenProps } from '../app/context.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

/** Splits a long string into lines of at most `width` characters. */
function chunks(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out.length ? out : [''];
}

const KEYPAIR_KEYS: Keymap<'refresh'> = [{ keys: ['ctrl-r'], help: 'refresh', footer: 'refresh', action: 'refresh' }];

/** One key pair, with its whole public key. */
export function KeypairDetail(props: ScreenProps & { name: string }): React.JSX.Element {
  const app = useApp();
  const kp = useCachedAsync(`keypair:${props.name}`, () => app.managers.keypairs.get(props.name));
  useKeymap(KEYPAIR_KEYS, { refresh: () => kp.reload() });
  const k = kp.data;
  const lines: Line[] = k
    ? [
        `  ${'type'.padEnd(12)} ${k.type}`,
        `  ${'fingerprint'.padEnd(12)} ${k.fingerprint}`,
        `  ${'user'.padEnd(12)} ${k.userId ?? '-'}`,
        `  ${'created'.padEnd(12)} ${k.createdAt ?? '-'}`,
        '',
        { text: 'Public key', bold: true, color: color('cyan') },
        ...chunks(k.publicKey ?? '', Math.max(20, props.width - 4)).map((l) => `  ${l}`),
      ]
    : [];
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')}>{`Key pair ${props.name}`}</Text>
      {k ? (
        <ScrollText lines={lines} height={props.height - 1} width={props.width} />
      ) : kp.error ? (
        <ErrorPanel error={kp.error} title="Cannot load the key pair" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>Loading…</Text>
      )}
    </Box>
  );
}
