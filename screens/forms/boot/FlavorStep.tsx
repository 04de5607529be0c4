import React from 'react';
import { draftCount, selectedImage } from '../../../src/forms/bootDraft.js';
import { quotaLeft } from '../../../src/forms/flavorFit.js';
import type { Flavor } from '../../../src/managers/types.js';
import { Text } from '../../widgets/Text.js';
import { FLAVOR_COLUMNS } from '../columns.js';
import { FieldError, FormFrame, PickList, STEP_KEYS } from '../fields.js';
import { listProps, shownError, type StepViewProps } from './view.js';

/** Step 3: the flavor; those the quota or the image cannot take are dimmed with the reason. */
export function FlavorStep(v: StepViewProps): React.JSX.Element {
  const { s, d } = v;
  const l = d.limits;
  const n = draftCount(s.draft);
  const quota = l
    ? `Quota left: ${quotaLeft(l.cores.remaining)} vCPUs, ${quotaLeft(l.ram.remaining)} MiB RAM${n > 1 ? ` (for ${n} servers)` : ''}`
    : 'Quota unknown (limits not loaded): no quota checks';
  const img = selectedImage(s.draft, v.ctx);
  const err = shownError(v, 'flavor', s.draft.flavorId ?? '', 'flavor');
  return (
    <FormFrame {...v.frame} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
      <Text wrap="truncate">{`  ${quota}${img ? `; image ${img.name}: min disk ${img.minDisk} GB, min RAM ${img.minRam} MiB` : ''}`}</Text>
      {err ? <FieldError text={err} /> : null}
      <PickList<Flavor>
        {...listProps(v, 'flavor', 'flavor')}
        columns={FLAVOR_COLUMNS}
        rows={v.rows.flavors}
        height={v.bodyHeight - 1 - (err ? 1 : 0)}
        picked={(f) => f.id === s.draft.flavorId}
        disabledReason={v.flavorReason}
      />
    </FormFrame>
  );
}
