import type { BootData } from '../../../src/forms/bootData.js';
import { emptyBootDraft, supportsAutoNone, type BootDraft, type BootStep, type FieldError } from '../../../src/forms/bootDraft.js';
import type { ServerWatchState } from '../../../src/forms/watch.js';
import type { ServerGroup } from '../../../src/managers/serverGroups.js';
import type { BootResult } from '../../../src/managers/servers.js';
import type { Flavor, Image, Keypair, Network, SecurityGroup, Server } from '../../../src/managers/types.js';
import { filterRows, type ListState } from '../listNav.js';
import type { RequestFields } from '../request.js';

/** The boot form's state, and what its steps' rows are (one file per step beside this one). */

export type Phase = 'edit' | 'confirmCancel' | 'sending' | 'refused' | 'unknown' | 'progress' | 'confirmDelete';
export type ListStep = 'source' | 'flavor' | 'networks' | 'keypair' | 'security' | 'group';
export type TextFieldKey = 'name' | 'count' | 'userDataPath' | 'metadataText';

export interface BootState extends RequestFields {
  draft: BootDraft;
  step: BootStep;
  /** Focused field of Details (name, count, zone) and Configuration (user data, metadata). */
  field: number;
  cursors: Record<TextFieldKey, number>;
  lists: Record<ListStep, ListState>;
  /** Steps the user has left at least once: their errors are shown. */
  visited: BootStep[];
  reviewTop: number;
  phase: Phase;
  result?: BootResult;
  watch?: ServerWatchState[];
  watchStarted?: number;
  progressCursor: number;
  /** Servers found by "check the list" after an unknown outcome. */
  found?: Server[];
}

export const DETAILS_FIELDS = 3;
export const CONFIG_FIELDS = 2;
/** The list steps with a filter (typed text filters; in the others Space toggles). */
export const FILTERABLE: ReadonlySet<ListStep> = new Set(['source', 'flavor', 'keypair', 'group']);

export type NetRow = { kind: 'auto' | 'none' | 'default' } | { kind: 'net'; net: Network };
export type KeyRow = { none: true; name: string } | Keypair;
export type GroupRow = { none: true; name: string } | ServerGroup;

export function initialState(draft?: Partial<BootDraft>): BootState {
  const d = emptyBootDraft(draft);
  const list = (): ListState => ({ cursor: 0, filter: '' });
  return {
    draft: d,
    step: 'details',
    field: 0,
    cursors: { name: d.name.length, count: d.count.length, userDataPath: d.userDataPath.length, metadataText: d.metadataText.length },
    lists: { source: list(), flavor: list(), networks: list(), keypair: list(), security: list(), group: list() },
    visited: [],
    reviewTop: 0,
    phase: 'edit',
    check: { kind: 'none' },
    progressCursor: 0,
  };
}

export interface BootRows {
  images: Image[];
  flavors: Flavor[];
  netRows: NetRow[];
  keyRows: KeyRow[];
  groups: SecurityGroup[];
  serverGroups: GroupRow[];
}

/** The rows of the list steps, filtered as the state says. */
export function bootRows(s: BootState, d: BootData | undefined): BootRows {
  const images = filterRows(d?.images ?? [], s.lists.source.filter, (i) => `${i.name} ${i.id} ${i.status}`);
  const flavors = filterRows(d?.flavors ?? [], s.lists.flavor.filter, (f) => `${f.name} ${f.id}`);
  const netRows: NetRow[] = [
    ...(supportsAutoNone(d?.microversion) ? [{ kind: 'auto' as const }, { kind: 'none' as const }] : [{ kind: 'default' as const }]),
    ...(d?.networks ?? []).map((net) => ({ kind: 'net' as const, net })),
  ];
  const keyRows = filterRows<KeyRow>(
    [{ none: true, name: '(no key pair)' }, ...(d?.keypairs ?? [])],
    s.lists.keypair.filter,
    (k) => k.name,
  );
  const serverGroups = filterRows<GroupRow>(
    [{ none: true, name: '(no server group)' }, ...(d?.serverGroups ?? [])],
    s.lists.group.filter,
    (g) => ('none' in g ? g.name : `${g.name} ${g.id} ${g.policy}`),
  );
  return { images, flavors, netRows, keyRows, groups: d?.securityGroups ?? [], serverGroups };
}

export function isListStep(step: BootStep): step is ListStep {
  return step === 'source' || step === 'flavor' || step === 'networks' || step === 'keypair' || step === 'security' || step === 'group';
}

/** Entering a list step, the cursor starts on what the draft has picked there. */
export function pickedIndex(step: BootStep, s: BootState, rows: BootRows): number | undefined {
  if (!isListStep(step) || s.lists[step].filter) return undefined;
  const dr = s.draft;
  const i =
    step === 'source'
      ? rows.images.findIndex((r) => r.id === dr.imageId)
      : step === 'flavor'
        ? rows.flavors.findIndex((r) => r.id === dr.flavorId)
        : step === 'networks'
          ? rows.netRows.findIndex((r) => (r.kind === 'net' ? dr.networkIds.includes(r.net.id) : r.kind === dr.networkMode))
          : step === 'keypair'
            ? rows.keyRows.findIndex((k) => ('none' in k ? !dr.keyName : k.name === dr.keyName))
            : step === 'group'
              ? rows.serverGroups.findIndex((g) => ('none' in g ? !dr.serverGroupId : g.id === dr.serverGroupId))
              : -1;
  return i >= 0 ? i : undefined;
}

/** The field of its step an error is about. */
export function fieldIndex(e: FieldError): number {
  if (e.step === 'details') return e.field === 'name' ? 0 : e.field === 'count' ? 1 : 2;
  if (e.step === 'config') return e.field === 'userData' ? 0 : 1;
  return 0;
}

export function stepHasValue(step: BootStep, d: BootDraft): boolean {
  switch (step) {
    case 'details':
      return d.name !== '';
    case 'source':
      return !!d.imageId;
    case 'flavor':
      return !!d.flavorId;
    default:
      return false;
  }
}

/** The focus is on a text field or a list's filter: printable keys only type there. */
export function typingIn(s: BootState): boolean {
  if (s.phase !== 'edit') return false;
  if (s.step === 'details') return s.field < 2;
  return s.step === 'config' || (isListStep(s.step) && FILTERABLE.has(s.step));
}

/** The text field the focus is on in Details or Configuration. */
export function focusedTextField(s: BootState): TextFieldKey {
  return s.step === 'details' ? (s.field === 0 ? 'name' : 'count') : s.field === 0 ? 'userDataPath' : 'metadataText';
}
