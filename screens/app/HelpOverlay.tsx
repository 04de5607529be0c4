import { Box, Text } from 'ink';
import React from 'react';
import { color } from '../theme.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import type { KeyHelp } from './keys.js';
import { useKeys } from '../hooks/useKeys.js';

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** `?`: every key of the current screen, then the keys that work everywhere. */
export function HelpOverlay(props: { title: string; screen: KeyHelp[]; global: KeyHelp[]; width: number; height: number; onClose: () => void }): React.JSX.Element {
  useKeys((input, key) => {
    if (key.escape || input === '?' || input === 'q' || key.return) props.onClose();
  });
  const w = Math.max(...[...props.screen, ...props.global].map((k) => k.keys.length), 6) + 2;
  const room = Math.max(20, props.width - 4 - w - 3);
  // Long explanations wrap under themselves rather than being cut at 80 columns.
  const row = (k: KeyHelp): Line[] => wrap(k.help, room).map((part, i) => `  ${(i === 0 ? k.keys : '').padEnd(w)} ${part}`);
  const lines: Line[] = [
    { text: `Keys on ${props.title}`, bold: true, color: color('cyan') },
    ...props.screen.flatMap(row),
    '',
    { text: 'Everywhere', bold: true, color: color('cyan') },
    ...props.global.flatMap(row),
    '',
    { text: 'The : prompt', bold: true, color: color('cyan') },
    '  Any one-shot command, parsed as on the command line: :list --status ERROR, :reboot --hard vm1,',
    '  :flavor-show m1.small, :backup vm1 (opens the backup form), :boot (opens the boot form).',
    '  :servers :flavors :images :keypairs :limits jump; :cloud NAME and :project NAME switch; :help lists all.',
    '  Tab completes command names, options and server / flavor / image names; Tab again cycles.',
    '  Up/Down walk the history (kept between runs).',
    '',
    { text: 'The / filter', bold: true, color: color('cyan') },
    '  Words match anywhere in a row; field:value matches one field (status:ACTIVE, flavor:m1, ip:10.0).',
    '  !word or field:!value excludes; field:a,b accepts either. Enter keeps the filter, Esc clears it.',
  ];
  return (
    <Box flexDirection="column" height={props.height} borderStyle="round" borderColor={color('cyan')} paddingX={1}>
      <ScrollText lines={lines} height={props.height - 2} width={props.width - 4} />
    </Box>
  );
}
