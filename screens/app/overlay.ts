import type { FormName } from '../../src/app/promptCommands.js';
import type { Server } from '../../src/managers/types.js';
import type { FieldValue } from '../../src/extensions/types.js';
import type { ServerAction } from '../servers/serverActions.js';
import type { SelectItem } from '../widgets/SelectList.js';

/** What covers the screen or takes the keyboard for a while; null when the screen has it. */
export type Overlay =
  | { kind: 'prompt'; initial?: string }
  | { kind: 'filter' }
  | { kind: 'help' }
  | { kind: 'menu'; server: Server }
  | { kind: 'confirm'; title: string; message: string; label: string; danger: boolean; onConfirm: () => void }
  | { kind: 'form'; form: FormName; server?: Server }
  /** The generated form of a declared server action's arguments (extension files). */
  | { kind: 'action-form'; action: ServerAction; server: Server; onSubmit: (values: Record<string, FieldValue>) => void }
  | { kind: 'picker'; title: string; items?: Array<SelectItem<string>>; error?: unknown; onSelect: (value: string) => void }
  | { kind: 'running'; label: string; progress: string; controller: AbortController };

export type SetOverlay = (next: Overlay | null | ((prev: Overlay | null) => Overlay | null)) => void;
