import { Box } from 'ink';
import React from 'react';
import { JUMP_SCREENS } from '../../src/commands/app.js';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyDocs } from '../keys/KeyboardProvider.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { color } from '../theme.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';

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

const HELP_KEYS: Keymap<'close'> = [
  { keys: ['esc', '?', 'q', 'enter'], label: 'Esc/?', help: 'close the help', footer: 'close', action: 'close' },
];

/** The keys of the screen under the overlay and the ones that work everywhere (a screen's key hides the global one it replaces). */
export function helpDocs(screen: KeyDoc[], global: KeyDoc[]): { screen: KeyDoc[]; global: KeyDoc[] } {
  const taken = new Set(screen.flatMap((d) => d.names ?? []));
  return { screen, global: global.filter((d) => !d.names?.length || !d.names.every((n) => taken.has(n))) };
}

/** `?`: every key of the current screen, then the keys that work everywhere, read from their keymaps. */
export function HelpOverlay(props: {
  title: string;
  width: number;
  height: number;
  onClose: () => void;
  /** The commands this cloud's extension files add (`:documents`, backup-instance, ...). */
  declared?: string[];
}): React.JSX.Element {
  // The overlay's own keys are in the overlay layer: these are the screen's underneath and the global ones.
  const docs = useKeyDocs((d) => helpDocs(d.layerDocs('screen'), d.layerDocs('global')));
  useKeymap(HELP_KEYS, { close: () => props.onClose() }, { modal: true });
  const all = [...docs.screen, ...docs.global];
  const w = Math.max(...all.map((k) => k.label.length), 6) + 2;
  const room = Math.max(20, props.width - 4 - w - 3);
  // Long explanations wrap under themselves rather than being cut at 80 columns.
  const row = (k: KeyDoc): Line[] => wrap(k.help, room).map((part, i) => `  ${(i === 0 ? k.label : '').padEnd(w)} ${part}`);
  const section = (title: string): Line => ({ text: title, bold: true, color: color('cyan') });
  const prose = (text: string): Line[] => wrap(text, props.width - 8).map((l) => `  ${l}`);
  const lines: Line[] = [
    section(`Keys on ${props.title}`),
    ...docs.screen.flatMap(row),
    '',
    section('Everywhere'),
    ...docs.global.flatMap(row),
    '',
    section('The : prompt'),
    ...prose(
      'Any one-shot command, parsed as on the command line: :list --status ERROR, :reboot --hard vm1, :flavor-show m1.small, :backup vm1 (opens the backup form), :boot (opens the boot form).',
    ),
    ...prose(`${JUMP_SCREENS.map((n) => `:${n}`).join(' ')} jump; :cloud NAME and :project NAME switch; :help lists all.`),
    ...(props.declared?.length ? prose(`From this cloud's extension files: ${props.declared.join(' ')}.`) : []),
    ...prose(
      'Tab completes command names, options and server / flavor / image names; Tab again cycles. Up/Down walk the history (kept between runs).',
    ),
    '',
    section('The / filter'),
    ...prose(
      'Words match anywhere in a row; field:value matches one field (status:ACTIVE, flavor:m1, ip:10.0). !word or field:!value excludes; field:a,b accepts either. Enter keeps the filter, Esc clears it.',
    ),
    '',
    section('Typing ahead'),
    ...prose(
      'Keys typed or pasted faster than the screen changes are kept, in order, for what opens next (the prompt, a form, a dialog). A destructive confirmation takes only y: any other key cancels it.',
    ),
  ];
  return (
    <Box flexDirection="column" height={props.height} borderStyle="round" borderColor={color('cyan')} paddingX={1}>
      <ScrollText lines={lines} height={props.height - 2} width={props.width - 4} />
    </Box>
  );
}
