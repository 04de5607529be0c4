import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { FeedSnapshot } from '../../src/app/serverFeed.js';
import { describeError } from '../../src/session/errors.js';
import type { SessionInfo } from '../../src/session/session.js';
import { safeText } from '../../src/util/terminalText.js';
import { color } from '../theme.js';
import { AppContext } from './context.js';

const noSubscribe = () => () => undefined;
const noSnapshot = (): FeedSnapshot | undefined => undefined;

/** "refresh failed 12s ago: <reason>" while the servers' background refresh is failing (the list stays). */
function useRefreshFailure(): string | undefined {
  const feed = useContext(AppContext)?.feed;
  const snap = useSyncExternalStore(feed?.subscribe ?? noSubscribe, feed?.getSnapshot ?? noSnapshot);
  const failedAt = snap && snap.error !== undefined && snap.lastUpdated !== undefined ? snap.failedAt : undefined;
  const [, tick] = useState(0);
  useEffect(() => {
    if (failedAt === undefined) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [failedAt]);
  if (failedAt === undefined || !snap) return undefined;
  const ago = Math.max(0, Math.round((Date.now() - failedAt) / 1000));
  return safeText(`refresh failed ${ago}s ago: ${describeError(snap.error)}`);
}

/** Cloud, region, project, user and compute microversion; shortened to fit 80 columns. */
export function Header(props: { info: SessionInfo; width: number; readOnly: boolean }): React.JSX.Element {
  const { info } = props;
  const failure = useRefreshFailure();
  const badge = props.readOnly ? ' READ-ONLY ' : '';
  // At most half the line, so the cloud and project stay readable.
  const room = Math.floor(props.width / 2);
  const alert = failure ? ` ${failure.length > room - 2 ? failure.slice(0, Math.max(0, room - 3)) + '…' : failure} ` : '';
  const full: Array<[string, string | undefined]> = [
    ['cloud', info.cloud ?? '(OS_* / flags)'],
    ['region', info.region],
    ['project', info.project],
    ['user', info.user],
    ['compute', info.microversion],
  ];
  const wide =
    ' novash  ' +
    full
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}: ${v}`)
      .join('  ');
  const text =
    wide.length + badge.length <= props.width
      ? wide
      : ' novash ' +
        [
          info.cloud,
          info.region,
          info.project && `project ${info.project}`,
          info.user && `user ${info.user}`,
          info.microversion && `v${info.microversion}`,
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <Box width={props.width}>
      <Box flexGrow={1}>
        <Text bold inverse wrap="truncate">
          {text.padEnd(Math.max(0, props.width - badge.length - alert.length))}
        </Text>
      </Box>
      {alert ? (
        <Text bold inverse color={color('red')}>
          {alert}
        </Text>
      ) : null}
      {badge ? (
        <Text bold inverse color={color('red')}>
          {badge}
        </Text>
      ) : null}
    </Box>
  );
}
