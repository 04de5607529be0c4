import { Box, Text } from 'ink';
import React, { useEffect, useMemo, useRef } from 'react';
import { loadBootData, type BootData } from '../../src/forms/bootData.js';
import {
  BOOT_STEPS, BOOT_STEP_TITLES, bootCommandLine, draftCount, draftToBootRequest, emptyBootDraft, parseCount, reviewLines,
  selectedImage, supportsAutoNone, validateBoot, type BootContext, type BootDraft, type BootStep, type FieldError,
} from '../../src/forms/bootDraft.js';
import { bootFitReason, quotaLeft } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { checkUserDataFile, kib, readUserDataFile, type UserDataCheck } from '../../src/managers/userData.js';
import { serverSettled, watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { BootResult } from '../../src/managers/servers.js';
import type { Flavor, Image, Keypair, Network, SecurityGroup, Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { FLAVOR_COLUMNS, IMAGE_COLUMNS } from './columns.js';
import { ChoiceField, FieldError as FieldErrorLine, FormFrame, LoadFrame, MetadataField, PickList, STEP_KEYS, TextField, type StepStatus } from './fields.js';
import { commandLines, reviewLine, ScrollLines, scrollKey, wrapText, wrappedLines, type FormLine } from './lines.js';
import { filterRows, pickKey, type ListState } from './listNav.js';
import { inRequest, RequestView, type CheckState } from './outcome.js';
import { ServerProgress } from './progressViews.js';
import { requestKeys, runCheck, sendOnce, type RequestFields } from './request.js';
import { useFormKeys } from './store.js';
import { editDraftField, fieldKey, textOf } from './textEdit.js';
import type { FormHostProps } from './types.js';
import { useFollow, useForm } from './useForm.js';

/**
 * The boot form: Details, Source, Flavor, Networks, Key pair, Security groups (when the cloud has
 * Neutron), Configuration, Review. Tab / Shift-Tab move between steps at any time; nothing is sent
 * until Enter on Review with a valid draft, and then exactly one create request (SubmitOnce).
 * Afterwards it follows the new servers until ACTIVE (then opens the server) or ERROR (fault shown,
 * values kept for a retry). When Nova answered with the admin password, it stays on screen with the
 * ACTIVE server until a key: Nova gives it only in that answer (it is kept in memory, nowhere else).
 */

type Phase = 'edit' | 'confirmCancel' | 'sending' | 'refused' | 'unknown' | 'progress' | 'confirmDelete';
type ListStep = 'source' | 'flavor' | 'networks' | 'keypair' | 'security';
type TextFieldKey = 'name' | 'count' | 'userDataPath' | 'metadataText';

interface BootState extends RequestFields {
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

const DETAILS_FIELDS = 3;
/** The list steps with a filter (typed text filters; in the others Space toggles). */
const FILTERABLE: ReadonlySet<ListStep> = new Set(['source', 'flavor', 'keypair']);
const CONFIG_FIELDS = 2;

type NetRow = { kind: 'auto' | 'none' | 'default' } | { kind: 'net'; net: Network };
type KeyRow = { none: true; name: string } | Keypair;

function initialState(draft?: Partial<BootDraft>): BootState {
  const d = emptyBootDraft(draft);
  return {
    draft: d,
    step: 'details',
    field: 0,
    cursors: { name: d.name.length, count: d.count.length, userDataPath: d.userDataPath.length, metadataText: d.metadataText.length },
    lists: {
      source: { cursor: 0, filter: '' },
      flavor: { cursor: 0, filter: '' },
      networks: { cursor: 0, filter: '' },
      keypair: { cursor: 0, filter: '' },
      security: { cursor: 0, filter: '' },
    },
    visited: [],
    reviewTop: 0,
    phase: 'edit',
    check: { kind: 'none' },
    progressCursor: 0,
  };
}

export interface BootFormProps extends FormHostProps {
  /** Start from these values (e.g. `:boot` with some options given). */
  initial?: Partial<BootDraft>;
}

export function BootForm(props: BootFormProps): React.JSX.Element {
  const { managers } = props;
  const form = useForm(props, () => initialState(props.initial));
  const { state, get, update, mounted, width, bodyHeight, close } = form;
  const data = useAsync<BootData>(() => loadBootData(managers), [managers]);
  const guard = useRef(new SubmitOnce<BootResult>());
  const d = data.data;

  // The network mode starts as what the cloud can do: none when Neutron shows no network to use.
  const modeChosen = useRef(false);
  useEffect(() => {
    if (!d || modeChosen.current || props.initial?.networkMode) return;
    modeChosen.current = true;
    const mode = !supportsAutoNone(d.microversion) ? 'default' : d.hasNetwork && d.networks.length === 0 ? 'none' : 'auto';
    update((s) => ({ ...s, draft: { ...s.draft, networkMode: mode } }));
  }, [d, props.initial, update]);

  // The user-data file is checked (stat only) shortly after the path changes, and again at submit.
  const [userData, setUserData] = React.useState<UserDataCheck | undefined>(undefined);
  const udPath = state.draft.userDataPath;
  useEffect(() => {
    const t = setTimeout(() => setUserData(checkUserDataFile(udPath)), 120);
    return () => clearTimeout(t);
  }, [udPath]);

  const steps: BootStep[] = useMemo(() => BOOT_STEPS.filter((s) => s !== 'security' || !d || d.hasNetwork), [d]);

  const ctx: BootContext = useMemo(
    () => ({
      images: d?.images ?? [],
      flavors: d?.flavors ?? [],
      limits: d?.limits,
      microversion: d?.microversion,
      networks: d?.hasNetwork ? d.networks : undefined,
      autoAllocation: d?.hasNetwork ? d.autoAllocation : undefined,
      userData: udPath.trim() ? userData : undefined,
      cloudName: d?.cloudName,
    }),
    [d, userData, udPath],
  );
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const errors = useMemo(() => (d ? validateBoot(state.draft, ctx) : []), [d, state.draft, ctx]);

  // ---- rows of the list steps (derived; the handler recomputes them from the latest state) ----
  const rowsFor = (s: BootState) => {
    const images = filterRows(d?.images ?? [], s.lists.source.filter, (i) => `${i.name} ${i.id} ${i.status}`);
    const flavors = filterRows(d?.flavors ?? [], s.lists.flavor.filter, (f) => `${f.name} ${f.id}`);
    const netRows: NetRow[] = [
      ...(supportsAutoNone(d?.microversion) ? [{ kind: 'auto' as const }, { kind: 'none' as const }] : [{ kind: 'default' as const }]),
      ...(d?.networks ?? []).map((net) => ({ kind: 'net' as const, net })),
    ];
    const keyRows: KeyRow[] = filterRows<KeyRow>([{ none: true, name: '(no key pair)' }, ...(d?.keypairs ?? [])], s.lists.keypair.filter, (k) => k.name);
    const groups = d?.securityGroups ?? [];
    return { images, flavors, netRows, keyRows, groups };
  };

  const flavorReason = (f: Flavor, draft: BootDraft): string | undefined =>
    bootFitReason(f, { count: draftCount(draft), limits: d?.limits, image: selectedImage(draft, ctxRef.current) });
  const imageReason = (i: Image): string | undefined => (i.status !== 'active' ? `status ${i.status}: only active images boot` : undefined);

  // ---- submit ----
  const submit = (): void => {
    const s = get();
    const c = { ...ctxRef.current, userData: s.draft.userDataPath.trim() ? checkUserDataFile(s.draft.userDataPath) : undefined };
    const errs = validateBoot(s.draft, c);
    if (errs.length) {
      const first = errs[0]!;
      update((x) => ({
        ...x,
        step: first.step,
        field: fieldIndex(first),
        visited: [...new Set([...x.visited, ...steps])],
        message: { text: `Nothing was sent: ${first.message}${errs.length > 1 ? ` (and ${errs.length - 1} more problem${errs.length > 2 ? 's' : ''})` : ''}`, tone: 'error' },
      }));
      return;
    }
    if (form.refuseReadOnly()) return;
    let ud: Buffer | undefined;
    try {
      ud = readUserDataFile(s.draft.userDataPath);
    } catch (err) {
      update((x) => ({ ...x, step: 'config', field: 0, message: { text: `Nothing was sent: ${(err as Error).message}`, tone: 'error' } }));
      return;
    }
    const req = draftToBootRequest(s.draft, ud);
    void sendOnce(form, guard.current, () => managers.servers.create(req), (result) =>
      update((x) => ({ ...x, phase: 'progress', result, watch: result.servers.map((v) => ({ id: v.id, name: v.name })), watchStarted: Date.now(), progressCursor: 0 })),
    );
  };

  // ---- following the new servers ----
  useFollow(
    state.phase === 'progress' && state.watch ? state.watch.map((w) => w.id).join(',') : '',
    (signal) => watchServers(managers, (get().watch ?? []).map((w) => ({ id: w.id, name: w.name })), (states) => update((x) => ({ ...x, watch: states })), { intervalMs: props.pollIntervalMs, signal }),
    (final) => {
      const ok = final.filter((w) => w.server?.status === 'ACTIVE');
      // One server, ACTIVE: open it, unless the admin password is on screen (it waits for Enter).
      if (final.length === 1 && ok.length === 1 && !get().result?.adminPass) close({ kind: 'server', serverId: ok[0]!.id });
    },
  );

  const backToForm = (text: string) => {
    guard.current.rearm();
    update((x) => ({ ...x, phase: 'edit', step: 'review', error: undefined, check: { kind: 'none' }, result: undefined, watch: undefined, found: undefined, message: { text, tone: 'info' } }));
  };

  const checkList = () => {
    const name = get().draft.name;
    return runCheck(form, async () => {
      const found = await managers.servers.listByName(name);
      const check: CheckState = found.length
        ? { kind: 'found', text: [`It was created: ${found.length} server${found.length > 1 ? 's' : ''} named '${name}':`, ...found.map((f) => `  ${f.name}  ${f.id}  ${f.status}`)].join('\n') }
        : { kind: 'absent', text: `No server named '${name}' exists: nothing was created.` };
      return { found, check };
    });
  };

  const cancel = () => {
    const s = get();
    const pristine = JSON.stringify(s.draft) === JSON.stringify({ ...initialState(props.initial).draft, networkMode: s.draft.networkMode });
    if (pristine) close({ kind: 'cancelled' });
    else update((x) => ({ ...x, phase: 'confirmCancel' }));
  };

  /** Entering a list step, the cursor starts on what the draft has picked there. */
  const pickedIndex = (step: BootStep, x: BootState): number | undefined => {
    if (!isListStep(step) || x.lists[step].filter) return undefined;
    const rows = rowsFor(x);
    const dr = x.draft;
    const i =
      step === 'source' ? rows.images.findIndex((r) => r.id === dr.imageId)
        : step === 'flavor' ? rows.flavors.findIndex((r) => r.id === dr.flavorId)
          : step === 'networks' ? rows.netRows.findIndex((r) => (r.kind === 'net' ? dr.networkIds.includes(r.net.id) : r.kind === dr.networkMode))
            : step === 'keypair' ? rows.keyRows.findIndex((k) => ('none' in k ? !dr.keyName : k.name === dr.keyName))
              : -1;
    return i >= 0 ? i : undefined;
  };

  const moveStep = (delta: number) =>
    update((x) => {
      const i = steps.indexOf(x.step);
      const next = steps[Math.max(0, Math.min(steps.length - 1, i + delta))]!;
      if (next === x.step) return x;
      const at = pickedIndex(next, x);
      const lists = at === undefined || !isListStep(next) ? x.lists : { ...x.lists, [next]: { ...x.lists[next], cursor: at } };
      return { ...x, step: next, lists, field: delta > 0 ? 0 : x.step === 'review' && next === 'config' ? CONFIG_FIELDS - 1 : 0, visited: x.visited.includes(x.step) ? x.visited : [...x.visited, x.step], message: undefined, reviewTop: 0 };
    });

  const setList = (step: ListStep, l: ListState) => update((x) => ({ ...x, lists: { ...x.lists, [step]: l }, message: undefined }));

  useFormKeys((input, key) => {
    const s = get();
    const ret = key.return;
    const resend = () => {
      guard.current.rearm();
      update((x) => ({ ...x, found: undefined }));
      submit();
    };
    const follow = () => update((x) => ({ ...x, phase: 'progress', watch: (x.found ?? []).map((f) => ({ id: f.id, name: f.name })), watchStarted: Date.now(), progressCursor: 0 }));
    const back = (after: 'refused' | 'absent') => backToForm(after === 'refused' ? 'Your values are kept: change what the error names and submit again.' : 'Your values are kept.');
    if (requestKeys(s, input, key, { back, follow, resend, check: () => void checkList(), close: () => close({ kind: 'cancelled' }) })) return;
    switch (s.phase) {
      case 'confirmCancel':
      case 'confirmDelete':
        return; // the dialog has the keys
      case 'progress': {
        const watch = s.watch ?? [];
        const all = watch.length > 0 && watch.every((w) => serverSettled(w));
        const failed = watch.filter((w) => w.server?.status === 'ERROR');
        const open = watch[s.progressCursor] ?? watch[0];
        if (key.upArrow || key.downArrow) {
          const n = watch.length;
          update((x) => ({ ...x, progressCursor: Math.max(0, Math.min(n - 1, x.progressCursor + (key.downArrow ? 1 : -1))) }));
        } else if (ret && all && failed.length === 0) {
          if (open && !open.gone) close({ kind: 'server', serverId: open.id });
        } else if ((input === 'e' || ret) && all && failed.length) {
          backToForm(`Your values are kept: change them and submit again. The failed server${failed.length > 1 ? 's' : ''} still exist${failed.length > 1 ? '' : 's'} (d on the failure view deletes ${failed.length > 1 ? 'them' : 'it'}).`);
        } else if (input === 'd' && all && failed.length) {
          update((x) => ({ ...x, phase: 'confirmDelete' }));
        } else if (input === 'o' && open) {
          if (!open.gone) close({ kind: 'server', serverId: open.id });
        } else if (key.escape) {
          close({ kind: 'cancelled' });
        }
        return;
      }
    }

    // ---- edit phase ----
    if (key.ctrl && input === 'r') {
      data.reload();
      form.say({ text: 'Reloading images, flavors, quota…' });
      return;
    }
    if (key.tab) return moveStep(key.shift ? -1 : 1);
    const step = s.step;
    const rows = rowsFor(s);

    if (step === 'details' || step === 'config') {
      if (key.escape) return cancel();
      const to = fieldKey(s.field, step === 'details' ? DETAILS_FIELDS : CONFIG_FIELDS, key);
      if (to === 'next') return moveStep(1);
      if (to !== undefined) return update((x) => ({ ...x, field: to }));
      if (step === 'details' && s.field === 2) {
        const zones = ['', ...(d?.zones ?? []).map((z) => z.name)];
        const i = Math.max(0, zones.indexOf(s.draft.availabilityZone));
        if (key.leftArrow || key.rightArrow || input === ' ') {
          const next = zones[(i + (key.leftArrow ? zones.length - 1 : 1)) % zones.length] ?? '';
          update((x) => ({ ...x, draft: { ...x.draft, availabilityZone: next } }));
        }
        return;
      }
      const k: TextFieldKey = step === 'details' ? (s.field === 0 ? 'name' : 'count') : s.field === 0 ? 'userDataPath' : 'metadataText';
      const next = editDraftField(s, k, input, key);
      if (next) update(() => ({ ...next, message: undefined }));
      return;
    }

    if (step === 'review') {
      if (key.escape) return cancel();
      if (ret) return submit();
      if (input === 'y') return form.copyCommand(bootCommandLine(s.draft, ctxRef.current));
      const by = scrollKey(key, bodyHeight - 2);
      if (by) update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
      return;
    }

    // ---- list steps: Enter picks (and goes on), Space toggles in the multi-choice lists ----
    const ls: ListStep = step;
    const onRow = <T,>(list: T[], then: (row: T, kind: 'pick' | 'toggle') => void): void => {
      const r = pickKey(s.lists[ls], list, input, key, bodyHeight - 4, FILTERABLE.has(ls));
      if (r.kind === 'cancel') cancel();
      else if (r.kind === 'state') setList(ls, r.state);
      else if (r.kind !== 'none') then(r.row, r.kind);
    };
    const pickThen = (why: string | undefined, pick: (draft: BootDraft) => BootDraft) => {
      if (why) return form.say({ text: why, tone: 'error' });
      update((x) => ({ ...x, draft: pick(x.draft) }));
      moveStep(1);
    };
    switch (ls) {
      case 'source':
        return onRow(rows.images, (img, kind) => {
          const why = imageReason(img);
          if (kind === 'pick') pickThen(why && `${img.name} cannot boot: ${why}.`, (dr) => ({ ...dr, imageId: img.id }));
        });
      case 'flavor':
        return onRow(rows.flavors, (f, kind) => {
          const why = flavorReason(f, s.draft);
          if (kind === 'pick') pickThen(why && `${f.name} cannot be used: ${why}.`, (dr) => ({ ...dr, flavorId: f.id }));
        });
      case 'keypair':
        return onRow(rows.keyRows, (k, kind) => {
          if (kind === 'pick') pickThen(undefined, (dr) => ({ ...dr, keyName: 'none' in k ? '' : k.name }));
        });
      case 'networks':
        return onRow(rows.netRows, (row, kind) => {
          if (row.kind !== 'net') {
            if (kind === 'pick') return pickThen(undefined, (dr) => ({ ...dr, networkMode: row.kind, networkIds: [] }));
            return update((x) => ({ ...x, draft: { ...x.draft, networkMode: row.kind, networkIds: [] } }));
          }
          update((x) => {
            const has = x.draft.networkIds.includes(row.net.id);
            const ids = has ? x.draft.networkIds.filter((id) => id !== row.net.id) : [...x.draft.networkIds, row.net.id];
            const fallback = supportsAutoNone(d?.microversion) ? 'auto' : 'default';
            return { ...x, draft: { ...x.draft, networkIds: ids, networkMode: ids.length ? 'pick' : fallback } };
          });
        });
      case 'security':
        return onRow(rows.groups, (g) =>
          update((x) => {
            const has = x.draft.securityGroups.includes(g.name);
            return { ...x, draft: { ...x.draft, securityGroups: has ? x.draft.securityGroups.filter((n) => n !== g.name) : [...x.draft.securityGroups, g.name] } };
          }),
        );
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Rendering

  const title = 'Boot a new server';
  const s = state;

  if (s.phase === 'confirmCancel') {
    return (
      <ConfirmDialog
        title="Discard the boot form?"
        message="Nothing has been sent. The values you entered will be lost."
        confirmLabel="discard"
        onConfirm={() => close({ kind: 'cancelled' })}
        onCancel={() => update((x) => ({ ...x, phase: 'edit' }))}
      />
    );
  }

  if (s.phase === 'confirmDelete') {
    const failed = (s.watch ?? []).filter((w) => w.server?.status === 'ERROR');
    return (
      <ConfirmDialog
        title="Delete the failed servers?"
        message={`Delete ${failed.map((w) => `${w.name} (${w.id})`).join(', ')}? They are in ERROR and hold quota.`}
        confirmLabel="delete"
        danger
        onConfirm={() => {
          update((x) => ({ ...x, phase: 'progress', message: { text: `Deleting ${failed.map((w) => w.name).join(', ')}…` } }));
          void Promise.all(failed.map((w) => managers.servers.delete(w.id))).then(
            () => mounted.current && update((x) => ({ ...x, message: { text: `Delete requested for ${failed.map((w) => w.name).join(', ')}.`, tone: 'success' } })),
            (err) => mounted.current && update((x) => ({ ...x, message: { text: `Delete failed: ${describeError(err)}`, tone: 'error' } })),
          );
        }}
        onCancel={() => update((x) => ({ ...x, phase: 'progress' }))}
      />
    );
  }

  if (inRequest(s)) {
    const name = s.draft.name;
    return (
      <RequestView
        title={title}
        width={width}
        request={s}
        sending={`Sending one create request for ${name}${s.draft.count.trim() !== '1' ? ` (${s.draft.count.trim()} servers)` : ''}…`}
        what="the create request"
        refusedTitle="Nova refused the boot request: no server was created"
        maybe={`the server '${name}' may have been created.`}
        advice="Check the server list before booting again."
        checking={`Looking for servers named '${name}'…`}
        checkWhat="check the server list"
      />
    );
  }

  if (s.phase === 'progress') {
    const watch = s.watch ?? [];
    const all = watch.length > 0 && watch.every((w) => serverSettled(w));
    const failed = watch.filter((w) => w.server?.status === 'ERROR');
    const adminPass = s.result?.adminPass;
    const hints = !all
      ? `Following ${watch.length > 1 ? `${watch.length} new servers` : 'the new server'} until ACTIVE   o open now   Esc close (it keeps building)`
      : failed.length
        ? 'Enter/e back to the form (values kept) to change and retry   d delete the failed server   Esc close'
        : watch.length > 1
          ? 'Enter open the selected server   ↑↓ select   Esc close'
          : 'Enter open the server   Esc close';
    const head = !all
      ? { text: `Create request accepted: ${watch.length > 1 ? `${watch.length} servers` : watch[0]?.name ?? ''} building.`, tone: 'info' as const }
      : failed.length
        ? { text: `${failed.length} of ${watch.length} went to ERROR.`, tone: 'error' as const }
        : { text: watch.length > 1 ? `All ${watch.length} servers are ACTIVE.` : `${watch[0]?.name ?? 'The server'} is ACTIVE.`, tone: 'success' as const };
    return (
      <FormFrame title={title} width={width} hints={hints} message={s.message ?? head}>
        {adminPass ? (
          <Box flexDirection="column" marginBottom={1}>
            <Text wrap="truncate">
              {'  Admin password: '}
              <Text bold color={color('yellow')}>{adminPass}</Text>
            </Text>
            <Text dimColor wrap="wrap">{'  Nova shows it only once and novash keeps it nowhere: note it before you leave this view.'}</Text>
          </Box>
        ) : null}
        <ServerProgress states={watch} cursor={s.progressCursor} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} />
      </FormFrame>
    );
  }

  // ---- edit phase ----
  if (!d) return <LoadFrame title={title} width={width} loading={data.loading} error={data.error} loadingText="Loading images, flavors, quota, key pairs and networks…" errorTitle="Cannot load what the form needs" />;

  const stepStatus = (st: BootStep): StepStatus => {
    if (st === 'review') return 'todo';
    const has = errors.some((e) => e.step === st);
    if (has) return s.visited.includes(st) ? 'error' : 'todo';
    return s.visited.includes(st) || stepHasValue(st, s.draft) ? 'ok' : 'todo';
  };
  const stepBar = steps.map((st) => ({ title: BOOT_STEP_TITLES[st], status: stepStatus(st) }));
  const current = steps.indexOf(s.step);
  const showErr = (field: string, value: string, st: BootStep) => {
    const e = errors.find((x) => x.field === field);
    return e && (s.visited.includes(st) || value !== '') ? e.message : undefined;
  };
  const rows = rowsFor(s);
  const listH = bodyHeight - 1;
  /** A list step's cursor, filter and what it says when empty. */
  const listOf = (ls: ListStep, what?: string) => {
    const list = s.lists[ls];
    return { list, width, filterable: FILTERABLE.has(ls), emptyText: what && (list.filter ? `No ${what} matches the filter.` : `No ${what} is visible to this project.`) };
  };
  const common = { title, width, steps: stepBar, current, message: s.message };

  switch (s.step) {
    case 'details': {
      const remaining = d.limits?.instances.remaining ?? Infinity;
      const zones = ['(any)', ...d.zones.map((z) => z.name)];
      const zi = Math.max(0, ['', ...d.zones.map((z) => z.name)].indexOf(s.draft.availabilityZone));
      const count = parseCount(s.draft.count, remaining);
      return (
        <FormFrame {...common} hints={`↑↓ field  Enter next  ${STEP_KEYS}`}>
          <TextField label="Name" state={textOf(s, 'name')} focused={s.field === 0} width={width} placeholder="e.g. web-01" error={showErr('name', s.draft.name, 'details')} note="1–255 printable characters" />
          <TextField
            label="Count"
            state={textOf(s, 'count')}
            focused={s.field === 1}
            width={width}
            note={remaining === Infinity ? '1 or more (no instance quota)' : remaining < 1 ? 'no instance left in the quota' : `1..${remaining} (instances left in the quota)`}
            error={count.ok ? undefined : count.message}
          />
          <ChoiceField label="Zone" options={zones} index={zi} focused={s.field === 2} note={s.field === 2 ? '←→ change' : d.zones.length ? '' : 'none listed: Nova chooses'} />
          {d.problems.length ? <Text dimColor wrap="wrap">{`  Not loaded: ${d.problems.join('; ')}`}</Text> : null}
        </FormFrame>
      );
    }
    case 'source': {
      const img = selectedImage(s.draft, ctx);
      return (
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
          <Text wrap="truncate">{`  Image: ${img ? `${img.name} (${img.id})` : '(none picked)'}`}</Text>
          <PickList<Image> {...listOf('source', 'image')} columns={IMAGE_COLUMNS} rows={rows.images} height={listH} picked={(i) => i.id === s.draft.imageId} disabledReason={imageReason} />
        </FormFrame>
      );
    }
    case 'flavor': {
      const l = d.limits;
      const n = draftCount(s.draft);
      const quota = l
        ? `Quota left: ${quotaLeft(l.cores.remaining)} vCPUs, ${quotaLeft(l.ram.remaining)} MiB RAM${n > 1 ? ` (for ${n} servers)` : ''}`
        : 'Quota unknown (limits not loaded): no quota checks';
      const img = selectedImage(s.draft, ctx);
      const flavorErr = showErr('flavor', s.draft.flavorId ?? '', 'flavor');
      return (
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
          <Text wrap="truncate">{`  ${quota}${img ? `; image ${img.name}: min disk ${img.minDisk} GB, min RAM ${img.minRam} MiB` : ''}`}</Text>
          {flavorErr ? <FieldErrorLine text={flavorErr} /> : null}
          <PickList<Flavor>
            {...listOf('flavor', 'flavor')}
            columns={FLAVOR_COLUMNS}
            rows={rows.flavors}
            height={listH - (flavorErr ? 1 : 0)}
            picked={(f) => f.id === s.draft.flavorId}
            disabledReason={(f) => flavorReason(f, s.draft)}
          />
        </FormFrame>
      );
    }
    case 'networks': {
      const label = (r: NetRow): string =>
        r.kind === 'net' ? `${r.net.name || r.net.id}${r.net.shared ? ' (shared)' : ''}`
          : r.kind === 'auto' ? 'auto — Nova picks or creates one'
            : r.kind === 'none' ? 'none — no network at all'
              : 'default — let Nova decide (compute API before 2.37)';
      const picked = (r: NetRow) => (r.kind === 'net' ? s.draft.networkIds.includes(r.net.id) : s.draft.networkMode === r.kind);
      const netErr = showErr('networks', '', 'networks');
      return (
        <FormFrame {...common} hints={`↑↓ move  Enter pick auto/none or toggle a network  ${STEP_KEYS}`}>
          {!d.hasNetwork ? <Text dimColor wrap="truncate">{'  No network service in the catalog: only auto or none.'}</Text> : null}
          {d.hasNetwork && !d.networks.length ? <Text dimColor wrap="truncate">{'  Neutron shows no network you can attach to.'}</Text> : null}
          {netErr ? <FieldErrorLine text={netErr} /> : null}
          <PickList<NetRow>
            columns={[
              { key: 'check', title: ' ', width: 3, value: (r) => (r.kind === 'net' ? (picked(r) ? '[x]' : '[ ]') : picked(r) ? '(•)' : '( )') },
              { key: 'name', title: 'Network', value: label },
              { key: 'id', title: 'ID', width: 36, value: (r) => (r.kind === 'net' ? r.net.id : '') },
            ]}
            {...listOf('networks')}
            rows={rows.netRows}
            height={listH - 1}
          />
        </FormFrame>
      );
    }
    case 'keypair':
      return (
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
          <Text wrap="truncate">{`  Key pair: ${s.draft.keyName || '(none)'}`}</Text>
          <PickList<KeyRow>
            columns={[
              { key: 'name', title: 'Name', value: (k) => k.name },
              { key: 'type', title: 'Type', width: 6, value: (k) => ('none' in k ? '' : k.type) },
              { key: 'fp', title: 'Fingerprint', width: 48, value: (k) => ('none' in k ? 'the server gets no SSH key' : k.fingerprint) },
            ]}
            {...listOf('keypair')}
            rows={rows.keyRows}
            height={listH}
            picked={(k) => ('none' in k ? !s.draft.keyName : k.name === s.draft.keyName)}
          />
        </FormFrame>
      );
    case 'security':
      return (
        <FormFrame {...common} hints={`↑↓ move  Space/Enter toggle  ${STEP_KEYS}`}>
          <Text wrap="truncate">{`  Security groups: ${s.draft.securityGroups.length ? s.draft.securityGroups.join(', ') : '(none picked: Nova applies the project default group)'}`}</Text>
          <PickList<SecurityGroup>
            columns={[
              { key: 'check', title: ' ', width: 3, value: (g) => (s.draft.securityGroups.includes(g.name) ? '[x]' : '[ ]') },
              { key: 'name', title: 'Name', value: (g) => g.name },
              { key: 'desc', title: 'Description', value: (g) => g.description ?? '' },
            ]}
            {...listOf('security', 'security group')}
            rows={rows.groups}
            height={listH}
          />
        </FormFrame>
      );
    case 'config': {
      const ud = udPath.trim() ? userData : undefined;
      return (
        <FormFrame {...common} hints={`↑↓ field  Enter next  ${STEP_KEYS}`}>
          <TextField
            label="User data"
            state={textOf(s, 'userDataPath')}
            focused={s.field === 0}
            width={width}
            placeholder="path of a file (cloud-init), optional"
            note={ud?.ok && ud.path ? `${kib(ud.bytes)} of 48 KiB` : 'at most 48 KiB'}
            error={ud && !ud.ok ? ud.message : undefined}
          />
          <MetadataField state={textOf(s, 'metadataText')} focused={s.field === 1} width={width} example="role=web" error={errors.find((e) => e.field === 'metadata')?.message} />
        </FormFrame>
      );
    }
    case 'review': {
      const lines: FormLine[] = [];
      // Keys that are set, one per line; the ones not sent, together on one line (short terminals).
      const unset: string[] = [];
      for (const [k, v] of reviewLines(s.draft, ctx)) {
        const m = /^\((none|not sent: (.*))\)$/.exec(v);
        if (m) unset.push(m[2] ? `${k} (${m[2]})` : k);
        else lines.push(reviewLine(k, v));
      }
      if (unset.length) wrapText(unset.join(', '), width - 24).forEach((w, i) => lines.push(reviewLine(i ? '' : 'not sent', w, { dim: true })));
      if (errors.length) {
        lines.push({ text: '' }, { text: `  ${errors.length} problem${errors.length > 1 ? 's' : ''}: nothing will be sent until fixed`, color: color('red'), bold: true });
        for (const e of errors) lines.push(...wrappedLines(`${BOOT_STEP_TITLES[e.step]}: ${e.message}`, width, { color: color('red') }));
      }
      lines.push(...commandLines(bootCommandLine(s.draft, ctx), width));
      return (
        <FormFrame
          {...common}
          hints={`${errors.length ? 'Enter go to the first problem' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter boot (one request)'}  y copy command  ↑↓ scroll  ${STEP_KEYS}`}
        >
          <Text bold wrap="truncate">{`  POST /servers will send:`}</Text>
          <ScrollLines lines={lines} top={s.reviewTop} height={bodyHeight - 1} />
        </FormFrame>
      );
    }
  }
}

function isListStep(step: BootStep): step is ListStep {
  return step === 'source' || step === 'flavor' || step === 'networks' || step === 'keypair' || step === 'security';
}

function fieldIndex(e: FieldError): number {
  if (e.step === 'details') return e.field === 'name' ? 0 : e.field === 'count' ? 1 : 2;
  if (e.step === 'config') return e.field === 'userData' ? 0 : 1;
  return 0;
}

function stepHasValue(step: BootStep, d: BootDraft): boolean {
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

