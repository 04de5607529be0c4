import React from 'react';
import { Text } from '../../widgets/Text.js';
import { FormFrame, PickList, STEP_KEYS } from '../fields.js';
import type { GroupRow } from './state.js';
import { listProps, type StepViewProps } from './view.js';

/** Why the list is empty when the cloud would not give it (a policy refusing GET /os-server-groups). */
function refusal(problems: readonly string[]): string | undefined {
  return problems.find((p) => p.startsWith('server groups: '))?.slice('server groups: '.length);
}

/** Step 7: the server group the server joins (its policy places it), or none. */
export function ServerGroupStep(v: StepViewProps): React.JSX.Element {
  const { s, d } = v;
  const picked = d.serverGroups.find((g) => g.id === s.draft.serverGroupId);
  const why = refusal(d.problems);
  return (
    <FormFrame {...v.frame} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
      <Text wrap="truncate">{`  Server group: ${picked ? `${picked.name} (${picked.policy})` : s.draft.serverGroupId || '(none)'}`}</Text>
      {why ? <Text dimColor wrap="truncate">{`  Server groups could not be listed: ${why}`}</Text> : null}
      <PickList<GroupRow>
        columns={[
          { key: 'name', title: 'Name', value: (g) => g.name },
          { key: 'policy', title: 'Policy', width: 18, value: (g) => ('none' in g ? '' : g.policy) },
          { key: 'members', title: 'Members', width: 7, value: (g) => ('none' in g ? '' : String(g.members.length)) },
          { key: 'id', title: 'ID', width: 36, value: (g) => ('none' in g ? 'no scheduler hint is sent' : g.id) },
        ]}
        {...listProps(v, 'group', 'server group')}
        rows={v.rows.serverGroups}
        height={v.bodyHeight - (why ? 2 : 1)}
        picked={(g) => ('none' in g ? !s.draft.serverGroupId : g.id === s.draft.serverGroupId)}
      />
    </FormFrame>
  );
}
