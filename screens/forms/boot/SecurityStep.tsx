import React from 'react';
import type { SecurityGroup } from '../../../src/managers/types.js';
import { Text } from '../../widgets/Text.js';
import { FormFrame, PickList, STEP_KEYS } from '../fields.js';
import { listProps, type StepViewProps } from './view.js';

/** Step 6 (with Neutron): security groups, toggled with Space or Enter. */
export function SecurityStep(v: StepViewProps): React.JSX.Element {
  const { s } = v;
  return (
    <FormFrame {...v.frame} hints={`↑↓ move  Space/Enter toggle  ${STEP_KEYS}`}>
      <Text wrap="truncate">{`  Security groups: ${s.draft.securityGroups.length ? s.draft.securityGroups.join(', ') : '(none picked: Nova applies the project default group)'}`}</Text>
      <PickList<SecurityGroup>
        columns={[
          { key: 'check', title: ' ', width: 3, value: (g) => (s.draft.securityGroups.includes(g.name) ? '[x]' : '[ ]') },
          { key: 'name', title: 'Name', value: (g) => g.name },
          { key: 'desc', title: 'Description', value: (g) => g.description ?? '' },
        ]}
        {...listProps(v, 'security', 'security group')}
        rows={v.rows.groups}
        height={v.bodyHeight - 1}
      />
    </FormFrame>
  );
}
