import type { BootData } from '../../../src/forms/bootData.js';
import type { BootContext, BootStep, FieldError } from '../../../src/forms/bootDraft.js';
import type { UserDataCheck } from '../../../src/managers/userData.js';
import type { Flavor, Image } from '../../../src/managers/types.js';
import type { FormFrameProps } from '../fields.js';
import { FILTERABLE, type BootRows, type BootState, type ListStep } from './state.js';

/** What every step's view gets from the form. */
export interface StepViewProps {
  s: BootState;
  d: BootData;
  ctx: BootContext;
  rows: BootRows;
  errors: FieldError[];
  width: number;
  /** Rows for the step's body. */
  bodyHeight: number;
  /** The frame's title, step bar and message (the step adds its hints and body). */
  frame: Omit<FormFrameProps, 'children' | 'hints'>;
  readOnly: boolean;
  userData?: UserDataCheck;
  flavorReason: (f: Flavor) => string | undefined;
  imageReason: (i: Image) => string | undefined;
}

/** A field's error, once the user has been to its step (or typed in it). */
export function shownError(v: StepViewProps, field: string, value: string, step: BootStep): string | undefined {
  const e = v.errors.find((x) => x.field === field);
  return e && (v.s.visited.includes(step) || value !== '') ? e.message : undefined;
}

/** A list step's cursor, filter and what it says when empty. */
export function listProps(v: StepViewProps, step: ListStep, what?: string) {
  const list = v.s.lists[step];
  return {
    list,
    width: v.width,
    filterable: FILTERABLE.has(step),
    emptyText: what && (list.filter ? `No ${what} matches the filter.` : `No ${what} is visible to this project.`),
  };
}
