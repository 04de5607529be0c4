import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React from 'react';
import { sizeText } from '../../src/commands/images.js';
import { serverSettled, type ImageWatchState, type ServerWatchState } from '../../src/forms/watch.js';
import type { Server } from '../../src/managers/types.js';
import { color, statusColor } from '../theme.js';
import { ProgressLine } from '../widgets/ProgressLine.js';

/** What the progress views draw: status, task state and progress of servers and images. */

export function serverStateText(s: Server | undefined): string {
  if (!s) return 'waiting for the first answer…';
  const parts = [`status ${s.status}`];
  parts.push(`task ${s.taskState ?? 'none'}`);
  if (s.progress !== undefined && s.progress !== null) parts.push(`progress ${s.progress}%`);
  return parts.join(', ');
}

function bar(pct: number | undefined, width = 20): string {
  if (pct === undefined || pct === null || Number.isNaN(pct)) return '';
  const n = Math.max(0, Math.min(width, Math.round((pct / 100) * width)));
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${pct}%`;
}

export interface ServerProgressProps {
  states: ServerWatchState[];
  /** Cursor among the servers (several created at once). */
  cursor?: number;
  elapsedMs: number;
  target?: (s: Server) => boolean;
}

/** One block per server being followed: spinner while moving, the fault in red on ERROR. */
export function ServerProgress(props: ServerProgressProps): React.JSX.Element {
  const secs = Math.round(props.elapsedMs / 1000);
  return (
    <Box flexDirection="column">
      {props.states.map((w, i) => {
        const s = w.server;
        const settled = serverSettled(w, props.target);
        const selected = props.states.length > 1 && props.cursor === i;
        return (
          <Box key={w.id} flexDirection="column">
            <Text inverse={selected} wrap="truncate">
              <Text bold>{`${selected ? '> ' : '  '}${w.name}`}</Text>
              <Text dimColor>{`  ${w.id}`}</Text>
            </Text>
            {w.gone ? (
              <Text color={color('red')}>{'    the server is gone (deleted)'}</Text>
            ) : (
              <Text wrap="truncate">
                {'  '}
                <ProgressLine text={`${serverStateText(s)}${settled ? '' : ` (${secs}s)`}`} active={!settled} />
              </Text>
            )}
            {s && s.status !== 'ERROR' && s.progress ? <Text dimColor>{'    ' + bar(s.progress)}</Text> : null}
            {s?.status === 'ERROR' ? (
              <Text
                color={color('red')}
                wrap="wrap"
              >{`    fault: ${s.fault ? `${s.fault.message}${s.fault.code ? ` (code ${s.fault.code})` : ''}` : 'Nova gave no fault message (see instance-action-list)'}`}</Text>
            ) : null}
            {w.pollError ? (
              <Text color={color('yellow')} wrap="truncate">{`    last poll failed, still trying: ${w.pollError}`}</Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}

export function imageStateText(st: ImageWatchState): string {
  if (!st.imageId) return 'image id unknown (no Location header before compute 2.45 with rotation 0)';
  if (st.imageGone) return 'image deleted (rotation)';
  const i = st.image;
  if (!i) return 'image: waiting for Glance…';
  return `image ${i.status}${i.size ? `, ${sizeText(i.size)}` : ''}`;
}

/** Snapshot / backup progress: the image (queued, saving, active + size) and the server's task state. */
export function ImageProgress(props: { st: ImageWatchState; label: string; serverName: string }): React.JSX.Element {
  const { st } = props;
  const secs = Math.round(st.elapsedMs / 1000);
  const moving = st.phase === 'uploading' || st.phase === 'rotating';
  const imgDone = !st.imageId || st.imageGone || st.image?.status === 'active';
  const srvDone = !!st.server && !st.server.taskState;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{`  ${props.label}`}</Text>
        <Text dimColor>{st.imageId ? `  image ${st.imageId}` : ''}</Text>
      </Text>
      <Text wrap="truncate">
        {'  '}
        <ProgressLine text={imageStateText(st)} active={moving && !imgDone} />
      </Text>
      <Text wrap="truncate">
        {'  '}
        <ProgressLine
          text={`server ${props.serverName}: ${st.server ? `${st.server.status}, task ${st.server.taskState ?? 'none'}` : 'waiting for the first answer…'}`}
          active={moving && !srvDone}
        />
      </Text>
      {st.phase === 'rotating' ? (
        <Text wrap="truncate">
          {'  '}
          <ProgressLine text={`rotation: ${st.kept ? `${st.kept.length} backups of this type in Glance` : 'checking'}…`} active />
        </Text>
      ) : null}
      {st.kept && st.phase === 'done' ? (
        <Text color={statusColor('ACTIVE')} wrap="truncate">{`  kept: ${st.kept.map((k) => k.name).join(', ') || '(none)'}`}</Text>
      ) : null}
      {moving ? <Text dimColor>{`  ${secs}s`}</Text> : null}
      {st.failure ? <Text color={color('red')} wrap="wrap">{`  ${st.failure}`}</Text> : null}
      {st.pollError ? <Text color={color('yellow')} wrap="truncate">{`  last poll failed, still trying: ${st.pollError}`}</Text> : null}
    </Box>
  );
}
