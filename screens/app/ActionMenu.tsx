import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useContext } from 'react';
import type { Server } from '../../src/managers/types.js';
import { actionsFor, type ServerAction } from '../servers/serverActions.js';
import { clip } from '../format.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { color, statusColor } from '../theme.js';
import { AppContext } from './context.js';
import { SelectList } from '../widgets/SelectList.js';

/** The least of a long name the menu's header keeps. */
const NAME_KEPT = 16;

/** A server's actions menu: only what makes sense in its state; a letter picks directly. */
export function ActionMenu(props: {
  server: Server;
  height: number;
  onSelect: (a: ServerAction) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { server } = props;
  const app = useContext(AppContext);
  // A member is not offered what Nova's default policy keeps for admins (migrations, offload).
  const actions = actionsFor(server, { commands: app?.commands, isAdmin: app?.isAdmin });
  const { columns } = useTerminalSize();
  // A long name is what gives way (with an ellipsis), down to NAME_KEPT characters: the status and
  // the ID after it stay. Only when even that does not fit (a task state at 80 columns) is the ID cut.
  const tail = `  ${server.status}${server.taskState ? `  ${server.taskState}` : ''}  ${server.id}`;
  const inner = columns - 4; // the border and the padding
  const name = clip(server.name, Math.max(NAME_KEPT, inner - 'Actions on '.length - tail.length));
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={color('cyan')}
      paddingX={1}
      height={Math.min(props.height, Math.max(actions.length, 1) + 3)}
    >
      <Text wrap="truncate">
        <Text bold>{`Actions on ${name}`}</Text>
        <Text color={statusColor(server.status)}>{`  ${server.status}`}</Text>
        {server.taskState ? <Text color={color('yellow')}>{`  ${server.taskState}`}</Text> : null}
        <Text dimColor>{`  ${server.id}`}</Text>
      </Text>
      <SelectList
        items={actions.map((a) => ({ label: a.label, value: a.id, hotkey: a.hotkey, hint: a.confirm ? 'asks first' : undefined }))}
        height={Math.min(props.height - 3, actions.length)}
        onSelect={(id) => props.onSelect(actions.find((a) => a.id === id)!)}
        onCancel={props.onCancel}
        emptyText="Nothing can be done to this server in its current state."
      />
    </Box>
  );
}
