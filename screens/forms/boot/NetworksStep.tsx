import React from 'react';
import { Text } from '../../widgets/Text.js';
import { FieldError, FormFrame, PickList, STEP_KEYS } from '../fields.js';
import type { NetRow } from './state.js';
import { listProps, shownError, type StepViewProps } from './view.js';

function label(r: NetRow): string {
  if (r.kind === 'net') return `${r.net.name || r.net.id}${r.net.shared ? ' (shared)' : ''}`;
  if (r.kind === 'auto') return 'auto — Nova picks or creates one';
  if (r.kind === 'none') return 'none — no network at all';
  return 'default — let Nova decide (compute API before 2.37)';
}

/** Step 4: auto, none, or networks to attach (Enter toggles one). */
export function NetworksStep(v: StepViewProps): React.JSX.Element {
  const { s, d } = v;
  const picked = (r: NetRow) => (r.kind === 'net' ? s.draft.networkIds.includes(r.net.id) : s.draft.networkMode === r.kind);
  const err = shownError(v, 'networks', '', 'networks');
  return (
    <FormFrame {...v.frame} hints={`↑↓ move  Enter pick auto/none or toggle a network  ${STEP_KEYS}`}>
      {!d.hasNetwork ? (
        <Text dimColor wrap="truncate">
          {'  No network service in the catalog: only auto or none.'}
        </Text>
      ) : null}
      {d.hasNetwork && !d.networks.length ? (
        <Text dimColor wrap="truncate">
          {'  Neutron shows no network you can attach to.'}
        </Text>
      ) : null}
      {err ? <FieldError text={err} /> : null}
      <PickList<NetRow>
        columns={[
          {
            key: 'check',
            title: ' ',
            width: 3,
            value: (r) => (r.kind === 'net' ? (picked(r) ? '[x]' : '[ ]') : picked(r) ? '(•)' : '( )'),
          },
          { key: 'name', title: 'Network', value: label },
          { key: 'id', title: 'ID', width: 36, value: (r) => (r.kind === 'net' ? r.net.id : '') },
        ]}
        {...listProps(v, 'networks')}
        rows={v.rows.netRows}
        height={v.bodyHeight - 2}
      />
    </FormFrame>
  );
}
