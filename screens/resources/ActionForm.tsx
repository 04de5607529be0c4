import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import { actionFormFields } from '../../src/extensions/formDraft.js';
import { declaredActionRequestText } from '../../src/extensions/serverActions.js';
import type { DeclaredServerAction, FieldValue } from '../../src/extensions/types.js';
import type { Server } from '../../src/managers/types.js';
import { safeText } from '../../src/util/terminalText.js';
import { ResourceForm } from './ResourceForm.js';

/**
 * The arguments of a declared server action (backup-instance's name and description), in a form
 * generated from its declaration; each field is checked as typed, by the same rules as the CLI.
 * Enter on the last field hands the values on (the app then asks, and sends).
 */
export function ActionForm(props: {
  action: DeclaredServerAction;
  server: Server;
  width: number;
  height: number;
  onSubmit: (values: Record<string, FieldValue>) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { action, server } = props;
  const fields = useMemo(() => actionFormFields(action), [action]);
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text dimColor wrap="truncate">{`  ${declaredActionRequestText(action)}   (${safeText(action.source.file)})`}</Text>
      <ResourceForm
        title={`${action.label}: ${safeText(server.name || server.id)}`}
        fields={fields}
        mode="action"
        active
        width={props.width}
        height={Math.max(3, props.height - 1)}
        onSubmit={props.onSubmit}
        onCancel={props.onCancel}
      />
    </Box>
  );
}
