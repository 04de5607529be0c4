import type { Key } from 'ink';
import type { BootData } from '../../../src/forms/bootData.js';
import { supportsAutoNone, type BootDraft } from '../../../src/forms/bootDraft.js';
import { serverSettled } from '../../../src/forms/watch.js';
import type { Flavor, Image } from '../../../src/managers/types.js';
import type { FormMessage } from '../fields.js';
import { scrollKey } from '../lines.js';
import { pickKey, type ListState } from '../listNav.js';
import { editDraftField, fieldKey } from '../textEdit.js';
import type { FormOutcome } from '../types.js';
import { CONFIG_FIELDS, DETAILS_FIELDS, FILTERABLE, focusedTextField, type BootRows, type BootState, type ListStep } from './state.js';

/** What the boot form's keys act on (BootForm.tsx builds it on every render). */
export interface BootKeyTarget {
  get: () => BootState;
  update: (fn: (s: BootState) => BootState) => void;
  d: BootData | undefined;
  rows: (s: BootState) => BootRows;
  bodyHeight: number;
  moveStep: (delta: number) => void;
  cancel: () => void;
  submit: () => void;
  say: (message: FormMessage) => void;
  copyCommand: () => void;
  reload: () => void;
  close: (outcome: FormOutcome) => void;
  backToForm: (text: string) => void;
  flavorReason: (f: Flavor, draft: BootDraft) => string | undefined;
  imageReason: (i: Image) => string | undefined;
}

/** Following the new servers: ↑↓ select, Enter / o open, e back to the form, d delete the failed ones, Esc close. */
export function progressKey(t: BootKeyTarget, input: string, key: Key): void {
  const s = t.get();
  const watch = s.watch ?? [];
  const all = watch.length > 0 && watch.every((w) => serverSettled(w));
  const failed = watch.filter((w) => w.server?.status === 'ERROR');
  const open = watch[s.progressCursor] ?? watch[0];
  if (key.upArrow || key.downArrow) {
    const n = watch.length;
    t.update((x) => ({ ...x, progressCursor: Math.max(0, Math.min(n - 1, x.progressCursor + (key.downArrow ? 1 : -1))) }));
  } else if (key.return && all && failed.length === 0) {
    if (open && !open.gone) t.close({ kind: 'server', serverId: open.id });
  } else if ((input === 'e' || key.return) && all && failed.length) {
    const many = failed.length > 1;
    t.backToForm(
      `Your values are kept: change them and submit again. The failed server${many ? 's' : ''} still exist${many ? '' : 's'} (d on the failure view deletes ${many ? 'them' : 'it'}).`,
    );
  } else if (input === 'd' && all && failed.length) {
    t.update((x) => ({ ...x, phase: 'confirmDelete' }));
  } else if (input === 'o' && open) {
    if (!open.gone) t.close({ kind: 'server', serverId: open.id });
  } else if (key.escape) {
    t.close({ kind: 'cancelled' });
  }
}

/** Details and Configuration: ↑↓ / Enter move between fields, ←→ change the zone, the rest edits the text. */
function textStepKey(t: BootKeyTarget, s: BootState, input: string, key: Key): void {
  if (key.escape) return t.cancel();
  const to = fieldKey(s.field, s.step === 'details' ? DETAILS_FIELDS : CONFIG_FIELDS, key);
  if (to === 'next') return t.moveStep(1);
  if (to !== undefined) return t.update((x) => ({ ...x, field: to }));
  if (s.step === 'details' && s.field === 2) {
    const zones = ['', ...(t.d?.zones ?? []).map((z) => z.name)];
    const i = Math.max(0, zones.indexOf(s.draft.availabilityZone));
    if (key.leftArrow || key.rightArrow || input === ' ') {
      const next = zones[(i + (key.leftArrow ? zones.length - 1 : 1)) % zones.length] ?? '';
      t.update((x) => ({ ...x, draft: { ...x.draft, availabilityZone: next } }));
    }
    return;
  }
  const next = editDraftField(s, focusedTextField(s), input, key);
  if (next) t.update(() => ({ ...next, message: undefined }));
}

/** Review: Enter submits (or goes to the first problem), y copies the command, ↑↓ scroll. */
function reviewKey(t: BootKeyTarget, input: string, key: Key): void {
  if (key.escape) return t.cancel();
  if (key.return) return t.submit();
  if (input === 'y') return t.copyCommand();
  const by = scrollKey(key, t.bodyHeight - 2);
  if (by) t.update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
}

/** The list steps: Enter picks (and goes on), Space toggles in the multi-choice lists, typing filters. */
function listStepKey(t: BootKeyTarget, s: BootState, ls: ListStep, input: string, key: Key): void {
  const rows = t.rows(s);
  const setList = (l: ListState) => t.update((x) => ({ ...x, lists: { ...x.lists, [ls]: l }, message: undefined }));
  const onRow = <T>(list: T[], then: (row: T, kind: 'pick' | 'toggle') => void): void => {
    const r = pickKey(s.lists[ls], list, input, key, t.bodyHeight - 4, FILTERABLE.has(ls));
    if (r.kind === 'cancel') t.cancel();
    else if (r.kind === 'state') setList(r.state);
    else if (r.kind !== 'none') then(r.row, r.kind);
  };
  const pickThen = (why: string | undefined, pick: (draft: BootDraft) => BootDraft) => {
    if (why) return t.say({ text: why, tone: 'error' });
    t.update((x) => ({ ...x, draft: pick(x.draft) }));
    t.moveStep(1);
  };
  switch (ls) {
    case 'source':
      return onRow(rows.images, (img, kind) => {
        const why = t.imageReason(img);
        if (kind === 'pick') pickThen(why && `${img.name} cannot boot: ${why}.`, (dr) => ({ ...dr, imageId: img.id }));
      });
    case 'flavor':
      return onRow(rows.flavors, (f, kind) => {
        const why = t.flavorReason(f, s.draft);
        if (kind === 'pick') pickThen(why && `${f.name} cannot be used: ${why}.`, (dr) => ({ ...dr, flavorId: f.id }));
      });
    case 'keypair':
      return onRow(rows.keyRows, (k, kind) => {
        if (kind === 'pick') pickThen(undefined, (dr) => ({ ...dr, keyName: 'none' in k ? '' : k.name }));
      });
    case 'group':
      return onRow(rows.serverGroups, (g, kind) => {
        if (kind === 'pick') pickThen(undefined, (dr) => ({ ...dr, serverGroupId: 'none' in g ? '' : g.id }));
      });
    case 'networks':
      return onRow(rows.netRows, (row, kind) => {
        if (row.kind !== 'net') {
          if (kind === 'pick') return pickThen(undefined, (dr) => ({ ...dr, networkMode: row.kind, networkIds: [] }));
          return t.update((x) => ({ ...x, draft: { ...x.draft, networkMode: row.kind, networkIds: [] } }));
        }
        t.update((x) => {
          const has = x.draft.networkIds.includes(row.net.id);
          const ids = has ? x.draft.networkIds.filter((id) => id !== row.net.id) : [...x.draft.networkIds, row.net.id];
          const fallback = supportsAutoNone(t.d?.microversion) ? 'auto' : 'default';
          return { ...x, draft: { ...x.draft, networkIds: ids, networkMode: ids.length ? 'pick' : fallback } };
        });
      });
    case 'security':
      return onRow(rows.groups, (g) =>
        t.update((x) => {
          const has = x.draft.securityGroups.includes(g.name);
          return {
            ...x,
            draft: {
              ...x.draft,
              securityGroups: has ? x.draft.securityGroups.filter((n) => n !== g.name) : [...x.draft.securityGroups, g.name],
            },
          };
        }),
      );
  }
}

/** The edit phase: Ctrl-R reloads what the form shows, Tab / Shift-Tab change step, the step takes the rest. */
export function editKey(t: BootKeyTarget, input: string, key: Key): void {
  if (key.ctrl && input === 'r') {
    t.reload();
    return t.say({ text: 'Reloading images, flavors, quota…' });
  }
  if (key.tab) return t.moveStep(key.shift ? -1 : 1);
  const s = t.get();
  if (s.step === 'details' || s.step === 'config') return textStepKey(t, s, input, key);
  if (s.step === 'review') return reviewKey(t, input, key);
  listStepKey(t, s, s.step, input, key);
}
