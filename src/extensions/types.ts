/**
 * What an extension file declares, once validated: plain data, no behaviour. The managers
 * (src/managers/declared.ts), the commands and the app's screens are all built from these.
 */
import type { OptionSpec, PositionalSpec } from '../commands/types.js';
import type { ServiceType } from '../session/session.js';

/** Where a declaration came from, for messages ("site.yaml, line 4"). */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'map' | 'json';
export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'list', 'map', 'json'];

/** A value as sent in a JSON body. */
export type FieldValue = string | number | boolean | null | string[] | Record<string, unknown> | unknown[];

/** One field of a declared resource, or one argument of a declared server action. */
export interface DeclaredField {
  /** The name users type: `--max-length`, `<name>` (the JSON key with '_' as '-'). */
  name: string;
  /** The key in the request and response bodies. */
  key: string;
  type: FieldType;
  /** Needed on create (resources) or on every call (actions). */
  required: boolean;
  /** A positional argument of the create command / action (in declaration order), else an option. */
  positional: boolean;
  /** Sent on create (resources). */
  create: boolean;
  /** May be changed by update (resources). */
  update: boolean;
  help?: string;
  /** Column and record title. */
  title: string;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
  choices?: readonly string[];
  default?: FieldValue;
}

export type Operation = 'list' | 'show' | 'create' | 'update' | 'delete';
export const OPERATIONS: readonly Operation[] = ['list', 'show', 'create', 'update', 'delete'];

/** How request bodies look: `{"id": 1, "name": "x"}` (bare) or `{"server_group": {...}}` (wrapped). */
export type BodyShape = { style: 'bare' } | { style: 'wrapped'; key: string };

export interface DeclaredResource {
  kind: 'resource';
  /** Singular, e.g. `document`: commands document-list, document-show, ... */
  name: string;
  /** e.g. `documents`: the app's `:documents` screen and the programmatic client's `client.documents`. */
  plural: string;
  /** Title of the screen ("Documents"). */
  title: string;
  summary: string;
  service: Extract<ServiceType, 'compute' | 'image' | 'network'>;
  /** The collection, relative to the service's endpoint: `/os-documents`. */
  path: string;
  /** Key of the list answer: `document` for os-documents ({"document": [...]}). */
  listKey: string;
  /** Key of the show (and create/update, when they answer) body: `document`. */
  showKey: string;
  idField: string;
  /** Field used for names (lookup by name, human ids, completion), if the resource has one. */
  nameField?: string;
  /** The client chooses the id (os-documents' POST carries it). */
  clientChosenId: boolean;
  body: BodyShape;
  operations: ReadonlySet<Operation>;
  fields: DeclaredField[];
  /** Keys shown as list columns, in order. */
  columns: string[];
  minMicroversion?: string;
  /** Command names per operation. */
  commands: Partial<Record<Operation, string>>;
  source: SourcePos;
}

/** What the value at the response key means. */
export type ResponseHolds = 'image' | 'text' | 'record';

/**
 * A server action as data: the lead's table of operations wraps this into a server-action row
 * (menu, prompt, help, read-only) the same way as a built-in one.
 */
export interface DeclaredServerAction {
  kind: 'server-action';
  /** Command name: `backup-instance`. */
  name: string;
  summary: string;
  /** Menu label: "Backup instance". */
  label: string;
  /** The action menu's letter, when the declaration names one (a letter a built-in row has is not taken). */
  hotkey?: string;
  /** `POST /servers/{id}/<path>` (member path) or `POST /servers/{id}/action {"<key>": ...}`. */
  request: { style: 'member'; path: string } | { style: 'action'; key: string };
  /** The arguments (in order), with their types: the app builds its form from these. */
  arguments: DeclaredField[];
  /** The CLI's view of the same: `<server>` first, then the positional arguments. */
  positionals: PositionalSpec[];
  /** Non-positional arguments as options (plus `--wait` when there is something to follow). */
  options: Record<string, OptionSpec>;
  /** Changes the cloud: refused under --read-only, confirmed in the app. */
  mutating: boolean;
  /** Confirmation text; `{server}` and `{<argument>}` are filled in. */
  confirm?: string;
  /** The server states it applies to (the menu offers it only then). */
  appliesTo: {
    statuses?: readonly string[];
    /** Only when no task is running (task_state is null). */
    taskStateIdle: boolean;
    /** Only when locked (true) / unlocked (false); any when undefined. */
    locked?: boolean;
  };
  minMicroversion?: string;
  /** The answer: the value at `key` holds an image id (followed by --wait), a text, or a record. */
  response?: { key: string; holds: ResponseHolds };
  /** With --wait and no image to follow: the server statuses that mean done (task state idle). */
  settledStatuses?: readonly string[];
  source: SourcePos;
}

/** One extension file as the loader saw it. */
export interface ExtensionFileReport {
  path: string;
  /** What it declares (command names), when it was loaded. */
  adds: string[];
  /** The one message about what is wrong with it: the file was ignored. */
  error?: string;
  /** Not for this cloud (`clouds:` names others). */
  skipped?: string;
}

export interface LoadedExtensions {
  resources: DeclaredResource[];
  actions: DeclaredServerAction[];
  files: ExtensionFileReport[];
}
