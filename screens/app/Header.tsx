import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import type { SessionInfo } from '../../src/session/session.js';
import { color } from '../theme.js';

/** Cloud, region, project, user and compute microversion; shortened to fit 80 columns. */
export function Header(props: { info: SessionInfo; width: number; readOnly: boolean }): React.JSX.Element {
  const { info } = props;
  const badge = props.readOnly ? ' READ-ONLY ' : '';
  const full: Array<[string, string | undefined]> = [
    ['cloud', info.cloud ?? '(OS_* / flags)'],
    ['region', info.region],
    ['project', info.project],
    ['user', info.user],
    ['compute', info.microversion],
  ];
  const wide = ' novash  ' + full.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('  ');
  const text =
    wide.length + badge.length <= props.width
      ? wide
      : ' novash ' + [info.cloud, info.region, info.project && `project ${info.project}`, info.user && `user ${info.user}`, info.microversion && `v${info.microversion}`]
          .filter(Boolean)
          .join(' · ');
  return (
    <Box width={props.width}>
      <Box flexGrow={1}>
        <Text bold inverse wrap="truncate">
          {text.padEnd(Math.max(0, props.width - badge.length))}
        </Text>
      </Box>
      {badge ? (
        <Text bold inverse color={color('red')}>
          {badge}
        </Text>
      ) : null}
    </Box>
  );
}
