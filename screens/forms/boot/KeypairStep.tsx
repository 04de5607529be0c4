import React from 'react';
import { Text } from '../../widgets/Text.js';
import { FormFrame, PickList, STEP_KEYS } from '../fields.js';
import type { KeyRow } from './state.js';
import { listProps, type StepViewProps } from './view.js';

/** Step 5: the key pair injected into the server (or none). */
export function KeypairStep(v: StepViewProps): React.JSX.Element {
  const { s } = v;
  return (
    <FormFrame {...v.frame} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
      <Text wrap="truncate">{`  Key pair: ${s.draft.keyName || '(none)'}`}</Text>
      <PickList<KeyRow>
        columns={[
          { key: 'name', title: 'Name', value: (k) => k.name },
          { key: 'type', title: 'Type', width: 6, value: (k) => ('none' in k ? '' : k.type) },
          { key: 'fp', title: 'Fingerprint', width: 48, value: (k) => ('none' in k ? 'the server gets no SSH key' : k.fingerprint) },
        ]}
        {...listProps(v, 'keypair')}
        rows={v.rows.keyRows}
        height={v.bodyHeight - 1}
        picked={(k) => ('none' in k ? !s.draft.keyName : k.name === s.draft.keyName)}
      />
    </FormFrame>
  );
}
