import { Box } from 'ink';
import React from 'react';
import { serverSettled } from '../../../src/forms/watch.js';
import { color } from '../../theme.js';
import { Text } from '../../widgets/Text.js';
import { FormFrame } from '../fields.js';
import { ServerProgress } from '../progressViews.js';
import type { BootState } from './state.js';

/**
 * After the create request: the new servers until ACTIVE or ERROR. When Nova answered with the
 * admin password, it stays on screen until a key: Nova gives it only in that answer (kept in
 * memory, nowhere else).
 */
export function ProgressStep(props: { s: BootState; title: string; width: number }): React.JSX.Element {
  const { s } = props;
  const watch = s.watch ?? [];
  const all = watch.length > 0 && watch.every((w) => serverSettled(w));
  const failed = watch.filter((w) => w.server?.status === 'ERROR');
  const adminPass = s.result?.adminPass;
  const hints = !all
    ? `Following ${watch.length > 1 ? `${watch.length} new servers` : 'the new server'} until ACTIVE   o open now   Esc close (it keeps building)`
    : failed.length
      ? 'Enter/e back to the form (values kept) to change and retry   d delete the failed server   Esc close'
      : watch.length > 1
        ? 'Enter open the selected server   ↑↓ select   Esc close'
        : 'Enter open the server   Esc close';
  const head = !all
    ? {
        text: `Create request accepted: ${watch.length > 1 ? `${watch.length} servers` : (watch[0]?.name ?? '')} building.`,
        tone: 'info' as const,
      }
    : failed.length
      ? { text: `${failed.length} of ${watch.length} went to ERROR.`, tone: 'error' as const }
      : {
          text: watch.length > 1 ? `All ${watch.length} servers are ACTIVE.` : `${watch[0]?.name ?? 'The server'} is ACTIVE.`,
          tone: 'success' as const,
        };
  return (
    <FormFrame title={props.title} width={props.width} hints={hints} message={s.message ?? head}>
      {adminPass ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text wrap="truncate">
            {'  Admin password: '}
            <Text bold color={color('yellow')}>
              {adminPass}
            </Text>
          </Text>
          <Text dimColor wrap="wrap">
            {'  Nova shows it only once and novash keeps it nowhere: note it before you leave this view.'}
          </Text>
        </Box>
      ) : null}
      <ServerProgress states={watch} cursor={s.progressCursor} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} />
    </FormFrame>
  );
}
