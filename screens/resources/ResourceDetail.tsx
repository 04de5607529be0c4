import { Box, Text, type Key } from 'ink';
import React from 'react';
import type { DeclaredResource } from '../../src/extensions/types.js';
import type { DeclaredItem } from '../../src/managers/declared.js';
import { safeText } from '../../src/util/terminalText.js';
import { useResourceKeys } from './useResourceKeys.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import { cellOf } from './resourceColumns.js';

/** Every field of the item: the declared ones first, in order, then whatever else the cloud sent. */
export function detailLines(resource: DeclaredResource, item: DeclaredItem): Line[] {
  const declared = resource.fields.map((f) => f.key).filter((k) => k in item.raw);
  const others = Object.keys(item.raw).filter((k) => !resource.fields.some((f) => f.key === k));
  const width = Math.max(8, ...[...declared, ...others].map((k) => k.length));
  return [...declared, ...others].map((k) => `  ${safeText(k).padEnd(width)}  ${cellOf(resource, item, k) || '-'}`);
}

export interface ResourceDetailProps {
  resource: DeclaredResource;
  item: DeclaredItem | undefined;
  error?: unknown;
  active: boolean;
  width: number;
  height: number;
  /** false: not this screen's key (it goes on to the app's: `:`, `?`, `q`). */
  onKey: (input: string, key: Key) => boolean;
}

/** One item of a declared resource. */
export function ResourceDetail(props: ResourceDetailProps): React.JSX.Element {
  const { resource, item } = props;
  useResourceKeys((input, key) => (props.active ? props.onKey(input, key) : false), { isActive: props.active });
  const title = item ? `${resource.title} › ${safeText(item.name || item.id)}` : resource.title;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')} wrap="truncate">
        {title}
      </Text>
      {item ? (
        <ScrollText lines={detailLines(resource, item)} height={props.height - 1} width={props.width} active={props.active} />
      ) : props.error ? (
        <ErrorPanel error={props.error} title={`Cannot load the ${resource.name.replace(/-/g, ' ')}`} hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>{'  Loading…'}</Text>
      )}
    </Box>
  );
}
