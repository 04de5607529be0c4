import React from 'react';
import { BOOT_STEP_TITLES, bootCommandLine, reviewLines } from '../../../src/forms/bootDraft.js';
import { color } from '../../theme.js';
import { Text } from '../../widgets/Text.js';
import { FormFrame, STEP_KEYS } from '../fields.js';
import { commandLines, reviewLine, ScrollLines, wrapText, wrappedLines, type FormLine } from '../lines.js';
import type { StepViewProps } from './view.js';

/** Step 9: what POST /servers will send, the problems left, and the equivalent command (y copies it). */
export function ReviewStep(v: StepViewProps): React.JSX.Element {
  const { s, width, errors } = v;
  const lines: FormLine[] = [];
  // Keys that are set, one per line; the ones not sent, together on one line (short terminals).
  const unset: string[] = [];
  for (const [k, value] of reviewLines(s.draft, v.ctx)) {
    const m = /^\((none|not sent: (.*))\)$/.exec(value);
    if (m) unset.push(m[2] ? `${k} (${m[2]})` : k);
    else lines.push(reviewLine(k, value));
  }
  if (unset.length) wrapText(unset.join(', '), width - 24).forEach((w, i) => lines.push(reviewLine(i ? '' : 'not sent', w, { dim: true })));
  if (errors.length) {
    lines.push(
      { text: '' },
      {
        text: `  ${errors.length} problem${errors.length > 1 ? 's' : ''}: nothing will be sent until fixed`,
        color: color('red'),
        bold: true,
      },
    );
    for (const e of errors) lines.push(...wrappedLines(`${BOOT_STEP_TITLES[e.step]}: ${e.message}`, width, { color: color('red') }));
  }
  lines.push(...commandLines(bootCommandLine(s.draft, v.ctx), width));
  const enter = errors.length
    ? 'Enter go to the first problem'
    : v.readOnly
      ? 'read-only: nothing can be sent'
      : 'Enter boot (one request)';
  return (
    <FormFrame {...v.frame} hints={`${enter}  y copy command  ↑↓ scroll  ${STEP_KEYS}`}>
      <Text bold wrap="truncate">{`  POST /servers will send:`}</Text>
      <ScrollLines lines={lines} top={s.reviewTop} height={v.bodyHeight - 1} />
    </FormFrame>
  );
}
