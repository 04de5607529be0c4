import React from 'react';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyDocs } from '../keys/KeyboardProvider.js';
import { Text } from '../widgets/Text.js';

type FooterKey = Required<Pick<KeyDoc, 'label' | 'footer'>>;

/** As many of `keys` as fit in `width` beside the `pinned` ones (which are never crowded out). */
export function fitFooter(keys: FooterKey[], pinned: FooterKey[], width: number): FooterKey[] {
  const len = (k: FooterKey) => k.label.length + k.footer.length + 3;
  let room = width - pinned.reduce((s, k) => s + len(k), 0);
  const shown: FooterKey[] = [];
  for (const k of keys) {
    if (len(k) > room) break;
    room -= len(k);
    shown.push(k);
  }
  return [...shown, ...pinned];
}

const withFooter = (docs: KeyDoc[]): FooterKey[] => docs.filter((d): d is KeyDoc & FooterKey => !!d.footer);

/**
 * The keys that work here on one line, read from the keymaps of whoever has the keyboard: the
 * screen's or the overlay's own first, as many as fit, then the ones that always work (command,
 * back, help, quit).
 */
export function Footer(props: { width: number }): React.JSX.Element {
  const { own, global } = useKeyDocs((d) => d.reachable());
  const keys = fitFooter(withFooter(own), withFooter(global), props.width);
  return (
    <Text wrap="truncate" dimColor>
      {keys.map((k) => (
        <Text key={k.label}>
          <Text bold>{k.label}</Text>
          {` ${k.footer}  `}
        </Text>
      ))}
    </Text>
  );
}
