/** A validation message of a form draft: the field it is about, and a sentence naming it and what is allowed. */
export interface DraftError {
  field: string;
  message: string;
}
