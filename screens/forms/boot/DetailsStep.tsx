import React from 'react';
import { parseCount } from '../../../src/forms/bootDraft.js';
import { Text } from '../../widgets/Text.js';
import { ChoiceField, FormFrame, STEP_KEYS, TextField } from '../fields.js';
import { textOf } from '../textEdit.js';
import { shownError, type StepViewProps } from './view.js';

/** Step 1: name, count (within the instance quota), availability zone. */
export function DetailsStep(v: StepViewProps): React.JSX.Element {
  const { s, d, width } = v;
  const remaining = d.limits?.instances.remaining ?? Infinity;
  const zones = ['(any)', ...d.zones.map((z) => z.name)];
  const zi = Math.max(0, ['', ...d.zones.map((z) => z.name)].indexOf(s.draft.availabilityZone));
  const count = parseCount(s.draft.count, remaining);
  return (
    <FormFrame {...v.frame} hints={`↑↓ field  Enter next  ${STEP_KEYS}`}>
      <TextField
        label="Name"
        state={textOf(s, 'name')}
        focused={s.field === 0}
        width={width}
        placeholder="e.g. web-01"
        error={shownError(v, 'name', s.draft.name, 'details')}
        note="1–255 printable characters"
      />
      <TextField
        label="Count"
        state={textOf(s, 'count')}
        focused={s.field === 1}
        width={width}
        note={
          remaining === Infinity
            ? '1 or more (no instance quota)'
            : remaining < 1
              ? 'no instance left in the quota'
              : `1..${remaining} (instances left in the quota)`
        }
        error={count.ok ? undefined : count.message}
      />
      <ChoiceField
        label="Zone"
        options={zones}
        index={zi}
        focused={s.field === 2}
        note={s.field === 2 ? '←→ change' : d.zones.length ? '' : 'none listed: Nova chooses'}
      />
      {d.problems.length ? <Text dimColor wrap="wrap">{`  Not loaded: ${d.problems.join('; ')}`}</Text> : null}
    </FormFrame>
  );
}
