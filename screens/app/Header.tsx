import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { FeedSnapshot } from '../../src/app/serverFeed.js';
import type { SessionInfo } from '../../src/session/session.js';
import { safeText } from '../../src/util/terminalText.js';
import { color } from '../theme.js';
import { AppContext } from './context.js';
import { faultLabel } from './faultText.js';

const noSubscribe = () => () => undefined;
const noSnapshot = (): FeedSnapshot | undefined => undefined;

/** The servers' background refresh failed (the list is still on screen): the feed's error, else undefined. */
export function useRefreshFailure(): { error: unknown; failedAt: number } | undefined {
  const feed = useContext(AppContext)?.feed;
  const snap = useSyncExternalStore(feed?.subscribe ?? noSubscribe, feed?.getSnapshot ?? noSnapshot);
  return snap && snap.error !== undefined && snap.lastUpdated !== undefined && snap.failedAt !== undefined
    ? { error: snap.error, failedAt: snap.failedAt }
    : undefined;
}

/**
 * "refresh failed 12s ago: HTTP 500" while the servers' background refresh is failing: a few words
 * that fit the header (the status line has the message and the request id).
 */
function useRefreshAlert(): string | undefined {
  const failure = useRefreshFailure();
  const failedAt = failure?.failedAt;
  const [, tick] = useState(0);
  useEffect(() => {
    if (failedAt === undefined) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [failedAt]);
  if (failedAt === undefined || !failure) return undefined;
  const ago = Math.max(0, Math.round((Date.now() - failedAt) / 1000));
  return safeText(`refresh failed ${ago}s ago: ${faultLabel(failure.error)}`);
}

/** Cloud, region, project, user and compute microversion; shortened to fit 80 columns. */
export function Header(props: { info: SessionInfo; width: number; readOnly: boolean }): React.JSX.Element {
  const { info } = props;
  const failure = useRefreshAlert();
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
  // The alert and the badge keep their width: the cloud's line gives way (short form, then cut).
  const avail = Math.max(0, props.width - badge.length - alert.length);
  const text =
    wide.length <= avail
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
      <Box width={avail}>
        <Text bold inverse wrap="truncate">
          {text.padEnd(avail)}
        </Text>
      </Box>
      {alert ? (
        <Box flexShrink={0}>
          <Text bold inverse color={color('red')}>
            {alert}
          </Text>
        </Box>
      ) : null}
      {badge ? (
        <Box flexShrink={0}>
          <Text bold inverse color={color('red')}>
            {badge}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
