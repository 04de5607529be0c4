import React from 'react';
import { selectedImage } from '../../../src/forms/bootDraft.js';
import type { Image } from '../../../src/managers/types.js';
import { Text } from '../../widgets/Text.js';
import { IMAGE_COLUMNS } from '../columns.js';
import { FormFrame, PickList, STEP_KEYS } from '../fields.js';
import { listProps, type StepViewProps } from './view.js';

/** Step 2: the image to boot (only active ones can). */
export function SourceStep(v: StepViewProps): React.JSX.Element {
  const img = selectedImage(v.s.draft, v.ctx);
  return (
    <FormFrame {...v.frame} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
      <Text wrap="truncate">{`  Image: ${img ? `${img.name} (${img.id})` : '(none picked)'}`}</Text>
      <PickList<Image>
        {...listProps(v, 'source', 'image')}
        columns={IMAGE_COLUMNS}
        rows={v.rows.images}
        height={v.bodyHeight - 1}
        picked={(i) => i.id === v.s.draft.imageId}
        disabledReason={v.imageReason}
      />
    </FormFrame>
  );
}
