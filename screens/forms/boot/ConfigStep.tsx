import React from 'react';
import { kib } from '../../../src/managers/userData.js';
import { FormFrame, MetadataField, STEP_KEYS, TextField } from '../fields.js';
import { textOf } from '../textEdit.js';
import type { StepViewProps } from './view.js';

/** Step 8: a user-data file (checked: at most 48 KiB) and metadata. */
export function ConfigStep(v: StepViewProps): React.JSX.Element {
  const { s, width } = v;
  const ud = s.draft.userDataPath.trim() ? v.userData : undefined;
  return (
    <FormFrame {...v.frame} hints={`↑↓ field  Enter next  ${STEP_KEYS}`}>
      <TextField
        label="User data"
        state={textOf(s, 'userDataPath')}
        focused={s.field === 0}
        width={width}
        placeholder="path of a file (cloud-init), optional"
        note={ud?.ok && ud.path ? `${kib(ud.bytes)} of 48 KiB` : 'at most 48 KiB'}
        error={ud && !ud.ok ? ud.message : undefined}
      />
      <MetadataField
        state={textOf(s, 'metadataText')}
        focused={s.field === 1}
        width={width}
        example="role=web"
        error={v.errors.find((e) => e.field === 'metadata')?.message}
      />
    </FormFrame>
  );
}
