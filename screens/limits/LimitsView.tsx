import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import type { AbsoluteLimit } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { bar, mib } from '../format.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

function barColor(l: AbsoluteLimit): string | undefined {
  if (l.max < 0) return color('gray');
  const r = l.max === 0 ? 1 : l.used / l.max;
  return r >= 0.9 ? color('red') : r >= 0.7 ? color('yellow') : color('green');
}

function LimitRow(props: {
  label: string;
  limit: AbsoluteLimit;
  width: number;
  unit?: (n: number) => string;
  maxOnly?: boolean;
}): React.JSX.Element {
  const { limit: l } = props;
  const fmt = props.unit ?? String;
  const text = props.maxOnly
    ? `max ${l.max < 0 ? 'unlimited' : fmt(l.max)}`
    : `${fmt(l.used)} / ${l.max < 0 ? 'unlimited' : fmt(l.max)}${l.max > 0 ? `  (${Math.round((100 * l.used) / l.max)}%)` : ''}`;
  const barWidth = Math.max(10, Math.min(50, props.width - 16 - 30));
  return (
    <Text wrap="truncate">
      {`  ${props.label.padEnd(14)}`}
      {props.maxOnly ? ' '.repeat(barWidth + 2) : <Text color={barColor(l)}>{bar(l.used, l.max, barWidth)}</Text>}
      {`  ${text}`}
    </Text>
  );
}

const LIMITS_KEYS: Keymap<'refresh'> = [{ keys: ['ctrl-r'], help: 'refresh', footer: 'refresh', action: 'refresh' }];

/** The project's quota: used / max as bars. */
export function LimitsView(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const limits = useCachedAsync('limits', () => app.managers.limits.get());
  useKeymap(LIMITS_KEYS, { refresh: () => limits.reload() });
  const l = limits.data;
  return (
    // The inner column keeps its lines whole: in a short terminal the last ones are cut off, where
    // a shrinking column would draw its lines over each other.
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Box flexDirection="column" flexShrink={0}>
        <Text wrap="truncate">
          <Text bold color={color('cyan')}>
            Limits
          </Text>
          {` of project ${app.info.project ?? ''}`}
          {limits.loading && l ? <Text dimColor> refreshing…</Text> : null}
        </Text>
        <Text> </Text>
        {l ? (
          <>
            <LimitRow label="Instances" limit={l.instances} width={props.width} />
            <LimitRow label="vCPUs" limit={l.cores} width={props.width} />
            <LimitRow label="RAM" limit={l.ram} width={props.width} unit={mib} />
            <LimitRow label="Server groups" limit={l.serverGroups} width={props.width} />
            <LimitRow label="Key pairs" limit={l.keypairs} width={props.width} maxOnly />
            <Text>{`  ${'Metadata'.padEnd(14)}${' '.repeat(Math.max(10, Math.min(50, props.width - 46)) + 2)}  max ${l.serverMeta < 0 ? 'unlimited' : l.serverMeta} items per server`}</Text>
          </>
        ) : limits.error ? (
          <ErrorPanel error={limits.error} title="Cannot load the limits" hint="Ctrl-R retry   Esc back" />
        ) : (
          <Text dimColor>Loading…</Text>
        )}
      </Box>
    </Box>
  );
}
