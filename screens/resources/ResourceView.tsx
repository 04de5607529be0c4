import React, { useMemo } from 'react';
import { DeclaredResourceManager } from '../../src/managers/declared.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { color } from '../theme.js';
import { Text } from '../widgets/Text.js';
import { ResourceScreen } from './ResourceScreen.js';

/**
 * `:documents` in the app: the generated screen of a resource this cloud's extension files declare,
 * with the app's filter, status line, footer and help.
 */
export function ResourceView(props: ScreenProps & { plural: string }): React.JSX.Element {
  const app = useApp();
  const resource = app.resources.find((r) => r.plural === props.plural);
  const manager = useMemo(
    () => (resource ? new DeclaredResourceManager(app.managers.session, resource, app.managers.cache) : undefined),
    [resource, app.managers],
  );
  if (!resource || !manager) return <Text color={color('red')}>{`  No extension file declares '${props.plural}' for this cloud.`}</Text>;
  return (
    <ResourceScreen
      resource={resource}
      manager={manager}
      active
      embedded
      width={props.width}
      height={props.height}
      filter={props.filter}
      readOnly={app.readOnly}
      notify={app.notify}
      onFilter={app.openFilter}
    />
  );
}
