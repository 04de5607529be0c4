/**
 * A generated form's data, without React: which fields it shows, what they start with, and the
 * typed values (or one message per field) of what was typed. The app's screens render it; the
 * same rules as the CLI (values.ts) decide what is valid.
 */
import type { DeclaredItem } from '../managers/declared.js';
import type { DeclaredField, DeclaredResource, DeclaredServerAction, FieldValue } from './types.js';
import { FieldError, parseValue, valueText } from './values.js';

export interface FormField {
  field: DeclaredField;
  /** The text the field starts with (the item's value when editing, the default when creating). */
  initial: string;
  /** Must not be left empty. */
  required: boolean;
}

export type FormMode = 'create' | 'update' | 'action';

export function resourceFormFields(resource: DeclaredResource, mode: 'create' | 'update', item?: DeclaredItem): FormField[] {
  const fields = resource.fields.filter((f) => (mode === 'create' ? f.create : f.update));
  return fields.map((field) => ({
    field,
    initial:
      mode === 'update' ? valueText(field, item?.raw[field.key]) : field.default !== undefined ? valueText(field, field.default) : '',
    required: mode === 'create' && field.required && field.default === undefined,
  }));
}

export function actionFormFields(action: DeclaredServerAction): FormField[] {
  return action.arguments.map((field) => ({
    field,
    initial: field.default !== undefined ? valueText(field, field.default) : '',
    required: field.required && field.default === undefined,
  }));
}

export interface Draft {
  /** The values to send: in update mode only those that changed. */
  values: Record<string, FieldValue>;
  /** Field key -> what is wrong with it ("must be at most 45 characters (got 50)"). */
  errors: Record<string, string>;
  /** A problem with the form as a whole (nothing changed). */
  formError?: string;
}

export function readDraft(fields: readonly FormField[], texts: Readonly<Record<string, string>>, mode: FormMode): Draft {
  const draft: Draft = { values: {}, errors: {} };
  for (const { field, initial, required } of fields) {
    const text = texts[field.key] ?? initial;
    if (mode === 'update' && text === initial) continue;
    if (text.trim() === '') {
      if (required) draft.errors[field.key] = 'is required';
      continue;
    }
    try {
      draft.values[field.key] = parseValue(field, text);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      draft.errors[field.key] = err.problem;
    }
  }
  if (mode === 'update' && !Object.keys(draft.values).length && !Object.keys(draft.errors).length) draft.formError = 'Nothing changed yet.';
  return draft;
}

export function draftOk(draft: Draft): boolean {
  return !draft.formError && Object.keys(draft.errors).length === 0;
}
