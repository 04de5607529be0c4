import { Box, Text, useStdout, type Key } from 'ink';
import React, { useEffect, useMemo, useRef } from 'react';
import { sizeText } from '../../src/commands/images.js';
import { loadBootData, type BootData } from '../../src/forms/bootData.js';
import {
  BOOT_STEPS, BOOT_STEP_TITLES, bootCommandLine, draftCount, draftToBootRequest, emptyBootDraft, parseCount, reviewLines,
  selectedImage, supportsAutoNone, validateBoot, type BootContext, type BootDraft, type BootStep, type FieldError,
} from '../../src/forms/bootDraft.js';
import { bootFitReason } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { checkUserDataFile, kib, readUserDataFile, type UserDataCheck } from '../../src/forms/userData.js';
import { serverSettled, watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { BootResult } from '../../src/managers/servers.js';
import type { Flavor, Image, Keypair, Network, SecurityGroup, Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { copyToTerminal } from './clipboard.js';
import { ChoiceField, FieldError as FieldErrorLine, FormFrame, PickList, TextField, type StepStatus } from './fields.js';
import { ScrollLines, wrapText, type FormLine } from './lines.js';
import { filterRows, listKey, type ListState } from './listNav.js';
import { ServerProgress } from './progressViews.js';
import { useFormKeys, useMounted, useStore } from './store.js';
import { editText } from './textEdit.js';
import type { FormHostProps } from './types.js';

/**
 * The boot form: Details, Source, Flavor, Networks, Key pair, Security groups (when the cloud has
 * Neutron), Configuration, Review. Tab / Shift-Tab move between steps at any time; nothing is sent
 * until Enter on Review with a valid draft, and then exactly one create request (SubmitOnce).
 * Afterwards it follows the new servers until ACTIVE (then opens the server) or ERROR (fault shown,
 * values kept for a retry).
 */

type Phase = 'edit' | 'confirmCancel' | 'sending' | 'refused' | 'unknown' | 'checking' | 'checked' | 'progress' | 'confirmDelete';
type ListStep = 'source' | 'flavor' | 'networks' | 'keypair' | 'security';
type TextFieldKey = 'name' | 'count' | 'userDataPath' | 'metadataText';

interface BootState {
  draft: BootDraft;
  step: BootStep;
  /** Focused field of Details (name, count, zone) and Configuration (user data, metadata). */
  field: number;
  cursors: Record<TextFieldKey, number>;
  lists: Record<ListStep, ListState>;
  /** Steps the user has left at least once: their errors are shown. */
  visited: BootStep[];
  reviewTop: number;
  message?: { text: string; tone?: 'info' | 'error' | 'success' };
  phase: Phase;
  error?: unknown;
  sendingSince?: number;
  result?: BootResult;
  watch?: ServerWatchState[];
  watchStarted?: number;
  progressCursor: number;
  /** Servers found by "check the list" after an unknown outcome. */
  found?: Server[];
}

const DETAILS_FIELDS = 3;
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
    progressCursor: 0,
  };
}

export interface BootFormProps extends FormHostProps {
  /** Start from these values (e.g. `:boot` with some options given). */
  initial?: Partial<BootDraft>;
}

export function BootForm(props: BootFormProps): React.JSX.Element {
  const { managers } = props;
  const { state, get, update } = useStore(() => initialState(props.initial));
  const data = useAsync<BootData>(() => loadBootData(managers), [managers]);
  const guard = useRef(new SubmitOnce<BootResult>());
  const mounted = useMounted();
  const { stdout } = useStdout();
  const propsRef = useRef(props);
  propsRef.current = props;
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
      networks: d?.networks,
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

  // ---- layout ----
  const width = Math.max(40, props.width);
  const bodyHeight = Math.max(6, props.height - 6);

  // ---- submit ----
  const submit = async (): Promise<void> => {
    const s = get();
    if (s.phase !== 'edit' || guard.current.phase !== 'idle') return;
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
    if (propsRef.current.readOnly) {
      update((x) => ({ ...x, message: { text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' } }));
      return;
    }
    let ud: Buffer | undefined;
    try {
      ud = readUserDataFile(s.draft.userDataPath);
    } catch (err) {
      update((x) => ({ ...x, step: 'config', field: 0, message: { text: `Nothing was sent: ${(err as Error).message}`, tone: 'error' } }));
      return;
    }
    const req = draftToBootRequest(s.draft, ud);
    update((x) => ({ ...x, phase: 'sending', sendingSince: Date.now(), message: undefined }));
    const r = await guard.current.submit(() => managers.servers.create(req));
    if (!mounted.current) return;
    if (r.kind === 'sent') {
      update((x) => ({ ...x, phase: 'progress', result: r.value, watch: r.value.servers.map((v) => ({ id: v.id, name: v.name })), watchStarted: Date.now(), progressCursor: 0 }));
    } else if (r.kind === 'refused') {
      update((x) => ({ ...x, phase: 'refused', error: r.error }));
    } else if (r.kind === 'unknown') {
      update((x) => ({ ...x, phase: 'unknown', error: r.error }));
    }
  };

  // ---- following the new servers ----
  const watchKey = state.phase === 'progress' && state.watch ? state.watch.map((w) => w.id).join(',') : '';
  useEffect(() => {
    if (!watchKey) return;
    const ac = new AbortController();
    const s = get();
    watchServers(managers, (s.watch ?? []).map((w) => ({ id: w.id, name: w.name })), (states) => update((x) => ({ ...x, watch: states })), {
      intervalMs: props.pollIntervalMs,
      signal: ac.signal,
    }).then(
      (final) => {
        if (ac.signal.aborted || !mounted.current) return;
        const ok = final.filter((w) => w.server?.status === 'ACTIVE');
        if (final.length === 1 && ok.length === 1) propsRef.current.onClose({ kind: 'server', serverId: ok[0]!.id });
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [watchKey, managers, get, update, props.pollIntervalMs, mounted]);

  const backToForm = (text: string) => {
    guard.current.rearm();
    update((x) => ({ ...x, phase: 'edit', step: 'review', error: undefined, result: undefined, watch: undefined, found: undefined, message: { text, tone: 'info' } }));
  };

  const checkList = async () => {
    const name = get().draft.name;
    update((x) => ({ ...x, phase: 'checking' }));
    try {
      const found = await managers.servers.listByName(name);
      if (!mounted.current) return;
      update((x) => ({ ...x, phase: 'checked', found }));
    } catch (err) {
      if (!mounted.current) return;
      update((x) => ({ ...x, phase: 'unknown', message: { text: `The check failed too: ${describeError(err)}`, tone: 'error' } }));
    }
  };

  const cancel = () => {
    const s = get();
    const pristine = JSON.stringify(s.draft) === JSON.stringify({ ...initialState(props.initial).draft, networkMode: s.draft.networkMode });
    if (pristine) propsRef.current.onClose({ kind: 'cancelled' });
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

  const editField = (k: TextFieldKey, input: string, key: Key): boolean => {
    const s = get();
    const next = editText({ value: s.draft[k], cursor: s.cursors[k] }, input, key);
    if (!next) return false;
    update((x) => ({ ...x, draft: { ...x.draft, [k]: next.value }, cursors: { ...x.cursors, [k]: next.cursor }, message: undefined }));
    return true;
  };

  const setList = (step: ListStep, l: ListState) => update((x) => ({ ...x, lists: { ...x.lists, [step]: l }, message: undefined }));

  const listPage = Math.max(1, bodyHeight - 4);

  useFormKeys((input, key) => {
    const s = get();
    const ret = key.return;
    switch (s.phase) {
      case 'confirmCancel':
      case 'confirmDelete':
      case 'checking':
        return; // the dialog has the keys, or nothing to do while checking
      case 'sending':
        return; // one request is in flight: every key (a second Enter too) does nothing
      case 'refused':
        if (ret || input === 'e') backToForm('Your values are kept: change what the error names and submit again.');
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'unknown':
        if (input === 'c') void checkList();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'checked': {
        const found = s.found ?? [];
        if (found.length) {
          if (ret) update((x) => ({ ...x, phase: 'progress', watch: found.map((f) => ({ id: f.id, name: f.name })), watchStarted: Date.now(), progressCursor: 0 }));
          else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        } else if (input === 'r') {
          guard.current.rearm();
          update((x) => ({ ...x, phase: 'edit', found: undefined }));
          void submit();
        } else if (input === 'e') backToForm('Your values are kept.');
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      }
      case 'progress': {
        const watch = s.watch ?? [];
        const all = watch.length > 0 && watch.every((w) => serverSettled(w));
        const failed = watch.filter((w) => w.server?.status === 'ERROR');
        if (key.upArrow || key.downArrow) {
          const n = watch.length;
          update((x) => ({ ...x, progressCursor: Math.max(0, Math.min(n - 1, x.progressCursor + (key.downArrow ? 1 : -1))) }));
        } else if (ret && all && failed.length === 0) {
          const w = watch[s.progressCursor] ?? watch[0];
          if (w && !w.gone) propsRef.current.onClose({ kind: 'server', serverId: w.id });
        } else if ((input === 'e' || ret) && all && failed.length) {
          backToForm(`Your values are kept: change them and submit again. The failed server${failed.length > 1 ? 's' : ''} still exist${failed.length > 1 ? '' : 's'} (d on the failure view deletes ${failed.length > 1 ? 'them' : 'it'}).`);
        } else if (input === 'd' && all && failed.length) {
          update((x) => ({ ...x, phase: 'confirmDelete' }));
        } else if (input === 'o' && watch.length) {
          const w = watch[s.progressCursor] ?? watch[0]!;
          if (!w.gone) propsRef.current.onClose({ kind: 'server', serverId: w.id });
        } else if (key.escape) {
          propsRef.current.onClose({ kind: 'cancelled' });
        }
        return;
      }
      case 'edit':
        break;
    }

    // ---- edit phase ----
    if (key.ctrl && input === 'r') {
      data.reload();
      update((x) => ({ ...x, message: { text: 'Reloading images, flavors, quota…' } }));
      return;
    }
    if (key.tab) return moveStep(key.shift ? -1 : 1);
    const step = s.step;
    const rows = rowsFor(s);

    if (step === 'details' || step === 'config') {
      const count = step === 'details' ? DETAILS_FIELDS : CONFIG_FIELDS;
      if (key.escape) return cancel();
      if (key.upArrow) return update((x) => ({ ...x, field: Math.max(0, x.field - 1) }));
      if (key.downArrow) return update((x) => ({ ...x, field: Math.min(count - 1, x.field + 1) }));
      if (ret) {
        if (s.field < count - 1) return update((x) => ({ ...x, field: x.field + 1 }));
        return moveStep(1);
      }
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
      editField(k, input, key);
      return;
    }

    if (step === 'review') {
      if (key.escape) return cancel();
      if (ret) return void submit();
      if (input === 'y') {
        const cmd = bootCommandLine(s.draft, ctxRef.current);
        const ok = copyToTerminal(stdout as NodeJS.WriteStream, cmd);
        update((x) => ({ ...x, message: { text: ok ? 'Command copied to the terminal clipboard (OSC 52).' : 'This terminal gives no clipboard: select the command with the mouse.', tone: 'success' } }));
        return;
      }
      const by = key.downArrow ? 1 : key.upArrow ? -1 : key.pageDown ? bodyHeight - 2 : key.pageUp ? -(bodyHeight - 2) : 0;
      if (by) update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
      return;
    }

    // ---- list steps ----
    const ls = step as ListStep;
    const list = s.lists[ls];
    const filterable = ls === 'source' || ls === 'flavor' || ls === 'keypair';
    const count = ls === 'source' ? rows.images.length : ls === 'flavor' ? rows.flavors.length : ls === 'networks' ? rows.netRows.length : ls === 'keypair' ? rows.keyRows.length : rows.groups.length;
    if (key.escape) {
      if (filterable && list.filter) return setList(ls, { cursor: 0, filter: '' });
      return cancel();
    }
    const r = listKey({ ...list, cursor: Math.min(list.cursor, Math.max(0, count - 1)) }, input, key, count, listPage, filterable);
    if (r.kind === 'state') return setList(ls, r.state);
    if (r.kind === 'none') return;
    const at = Math.min(list.cursor, Math.max(0, count - 1));
    if (ls === 'source') {
      const img = rows.images[at];
      if (!img || r.kind !== 'pick') return;
      const why = imageReason(img);
      if (why) return update((x) => ({ ...x, message: { text: `${img.name} cannot boot: ${why}.`, tone: 'error' } }));
      update((x) => ({ ...x, draft: { ...x.draft, imageId: img.id } }));
      return moveStep(1);
    }
    if (ls === 'flavor') {
      const f = rows.flavors[at];
      if (!f || r.kind !== 'pick') return;
      const why = flavorReason(f, s.draft);
      if (why) return update((x) => ({ ...x, message: { text: `${f.name} cannot be used: ${why}.`, tone: 'error' } }));
      update((x) => ({ ...x, draft: { ...x.draft, flavorId: f.id } }));
      return moveStep(1);
    }
    if (ls === 'networks') {
      const row = rows.netRows[at];
      if (!row) return;
      if (row.kind === 'net') {
        update((x) => {
          const has = x.draft.networkIds.includes(row.net.id);
          const ids = has ? x.draft.networkIds.filter((id) => id !== row.net.id) : [...x.draft.networkIds, row.net.id];
          const fallback = supportsAutoNone(d?.microversion) ? 'auto' : 'default';
          return { ...x, draft: { ...x.draft, networkIds: ids, networkMode: ids.length ? 'pick' : fallback } };
        });
        return;
      }
      update((x) => ({ ...x, draft: { ...x.draft, networkMode: row.kind, networkIds: [] } }));
      if (r.kind === 'pick') moveStep(1);
      return;
    }
    if (ls === 'keypair') {
      const k = rows.keyRows[at];
      if (!k || r.kind !== 'pick') return;
      update((x) => ({ ...x, draft: { ...x.draft, keyName: 'none' in k ? '' : k.name } }));
      return moveStep(1);
    }
    if (ls === 'security') {
      const g = rows.groups[at];
      if (!g) return;
      update((x) => {
        const has = x.draft.securityGroups.includes(g.name);
        return { ...x, draft: { ...x.draft, securityGroups: has ? x.draft.securityGroups.filter((n) => n !== g.name) : [...x.draft.securityGroups, g.name] } };
      });
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
        onConfirm={() => propsRef.current.onClose({ kind: 'cancelled' })}
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

  if (s.phase === 'sending') {
    return (
      <FormFrame title={title} width={width} hints="One request is in flight; keys are ignored until it is answered." message={s.message}>
        <ProgressLine text={`Sending one create request for ${s.draft.name}${s.draft.count.trim() !== '1' ? ` (${s.draft.count.trim()} servers)` : ''}…`} active />
      </FormFrame>
    );
  }

  if (s.phase === 'refused') {
    return (
      <FormFrame title={title} width={width} hints="Enter/e back to the form (values kept)   Esc close">
        <ErrorPanel title="Nova refused the boot request: no server was created" error={s.error} />
      </FormFrame>
    );
  }

  if (s.phase === 'unknown' || s.phase === 'checking' || s.phase === 'checked') {
    const found = s.found ?? [];
    return (
      <FormFrame
        title={title}
        width={width}
        message={s.message}
        hints={s.phase === 'checked' ? (found.length ? 'Enter follow it   Esc close' : 'r submit again (one request)   e back to the form   Esc close') : 'c check the server list   Esc close'}
      >
        <ErrorPanel title="No answer to the create request" error={s.error} />
        <Text wrap="wrap">
          {`The request was sent but the answer was lost: the server '${s.draft.name}' may have been created. It was not sent again. Check the server list before booting again.`}
        </Text>
        {s.phase === 'checking' ? <ProgressLine text={`Looking for servers named '${s.draft.name}'…`} active /> : null}
        {s.phase === 'checked' && found.length ? (
          <Box flexDirection="column">
            <Text color={color('yellow')}>{`It was created: ${found.length} server${found.length > 1 ? 's' : ''} named '${s.draft.name}':`}</Text>
            {found.map((f) => (
              <Text key={f.id} wrap="truncate">{`  ${f.name}  ${f.id}  ${f.status}`}</Text>
            ))}
          </Box>
        ) : null}
        {s.phase === 'checked' && !found.length ? <Text color={color('green')}>{`No server named '${s.draft.name}' exists: nothing was created.`}</Text> : null}
      </FormFrame>
    );
  }

  if (s.phase === 'progress') {
    const watch = s.watch ?? [];
    const all = watch.length > 0 && watch.every((w) => serverSettled(w));
    const failed = watch.filter((w) => w.server?.status === 'ERROR');
    const hints = !all
      ? `Following ${watch.length > 1 ? `${watch.length} new servers` : 'the new server'} until ACTIVE   o open now   Esc close (it keeps building)`
      : failed.length
        ? 'Enter/e back to the form (values kept) to change and retry   d delete the failed server   Esc close'
        : 'Enter open the selected server   ↑↓ select   Esc close';
    const head = !all
      ? { text: `Create request accepted: ${watch.length > 1 ? `${watch.length} servers` : watch[0]?.name ?? ''} building.`, tone: 'info' as const }
      : failed.length
        ? { text: `${failed.length} of ${watch.length} went to ERROR.`, tone: 'error' as const }
        : { text: `All ${watch.length} servers are ACTIVE.`, tone: 'success' as const };
    return (
      <FormFrame title={title} width={width} hints={hints} message={s.message ?? head}>
        {s.result?.adminPass ? <Text dimColor wrap="truncate">{`  admin password (shown once): ${s.result.adminPass}`}</Text> : null}
        <ServerProgress states={watch} cursor={s.progressCursor} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} />
      </FormFrame>
    );
  }

  // ---- edit phase ----
  if (data.loading && !d) {
    return (
      <FormFrame title={title} width={width} hints="Esc cancel">
        <ProgressLine text="Loading images, flavors, quota, key pairs and networks…" active />
      </FormFrame>
    );
  }
  if (!d) {
    return (
      <FormFrame title={title} width={width} hints="Ctrl-R retry   Esc cancel">
        <ErrorPanel title="Cannot load what the form needs" error={data.error} />
      </FormFrame>
    );
  }

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
  const common = { title, width, steps: stepBar, current, message: s.message };
  const stepHints = 'Tab next step  Shift-Tab back  Esc cancel';

  switch (s.step) {
    case 'details': {
      const remaining = d.limits?.instances.remaining ?? Infinity;
      const zones = ['(any)', ...d.zones.map((z) => z.name)];
      const zi = Math.max(0, ['', ...d.zones.map((z) => z.name)].indexOf(s.draft.availabilityZone));
      const count = parseCount(s.draft.count, remaining);
      return (
        <FormFrame {...common} hints={`↑↓ field  Enter next  ${stepHints}`}>
          <TextField label="Name" state={{ value: s.draft.name, cursor: s.cursors.name }} focused={s.field === 0} width={width} placeholder="e.g. web-01" error={showErr('name', s.draft.name, 'details')} note="1–255 printable characters" />
          <TextField
            label="Count"
            state={{ value: s.draft.count, cursor: s.cursors.count }}
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
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${stepHints}`}>
          <Text wrap="truncate">{`  Image: ${img ? `${img.name} (${img.id})` : '(none picked)'}`}</Text>
          <PickList<Image>
            columns={[
              { key: 'name', title: 'Name', value: (i) => i.name || i.id },
              { key: 'status', title: 'Status', width: 8, value: (i) => i.status },
              { key: 'size', title: 'Size', width: 10, align: 'right', value: (i) => sizeText(i.size) },
              { key: 'mindisk', title: 'Min disk', width: 8, align: 'right', value: (i) => (i.minDisk ? `${i.minDisk} GB` : '-') },
              { key: 'minram', title: 'Min RAM', width: 9, align: 'right', value: (i) => (i.minRam ? `${i.minRam} MiB` : '-') },
            ]}
            rows={rows.images}
            cursor={Math.min(s.lists.source.cursor, Math.max(0, rows.images.length - 1))}
            height={listH}
            width={width}
            filter={s.lists.source.filter}
            filterable
            picked={(i) => i.id === s.draft.imageId}
            disabledReason={imageReason}
            emptyText={s.lists.source.filter ? 'No image matches the filter.' : 'No image is visible to this project.'}
          />
        </FormFrame>
      );
    }
    case 'flavor': {
      const l = d.limits;
      const n = draftCount(s.draft);
      const quota = l
        ? `Quota left: ${fmt(l.cores.remaining)} vCPUs, ${fmt(l.ram.remaining)} MiB RAM${n > 1 ? ` (for ${n} servers)` : ''}`
        : 'Quota unknown (limits not loaded): no quota checks';
      const img = selectedImage(s.draft, ctx);
      const flavorErr = showErr('flavor', s.draft.flavorId ?? '', 'flavor');
      return (
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${stepHints}`}>
          <Text wrap="truncate">{`  ${quota}${img ? `; image ${img.name}: min disk ${img.minDisk} GB, min RAM ${img.minRam} MiB` : ''}`}</Text>
          {flavorErr ? <FieldErrorLine text={flavorErr} /> : null}
          <PickList<Flavor>
            columns={[
              { key: 'name', title: 'Name', value: (f) => f.name },
              { key: 'vcpus', title: 'vCPUs', width: 5, align: 'right', value: (f) => String(f.vcpus) },
              { key: 'ram', title: 'RAM MiB', width: 8, align: 'right', value: (f) => String(f.ram) },
              { key: 'disk', title: 'Disk GB', width: 7, align: 'right', value: (f) => String(f.disk) },
            ]}
            rows={rows.flavors}
            cursor={Math.min(s.lists.flavor.cursor, Math.max(0, rows.flavors.length - 1))}
            height={listH - (flavorErr ? 1 : 0)}
            width={width}
            filter={s.lists.flavor.filter}
            filterable
            picked={(f) => f.id === s.draft.flavorId}
            disabledReason={(f) => flavorReason(f, s.draft)}
            emptyText={s.lists.flavor.filter ? 'No flavor matches the filter.' : 'No flavor is visible to this project.'}
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
        <FormFrame {...common} hints={`↑↓ move  Enter pick auto/none or toggle a network  ${stepHints}`}>
          {!d.hasNetwork ? <Text dimColor wrap="truncate">{'  No network service in the catalog: only auto or none.'}</Text> : null}
          {d.hasNetwork && !d.networks.length ? <Text dimColor wrap="truncate">{'  Neutron shows no network you can attach to.'}</Text> : null}
          {netErr ? <FieldErrorLine text={netErr} /> : null}
          <PickList<NetRow>
            columns={[
              { key: 'check', title: ' ', width: 3, value: (r) => (r.kind === 'net' ? (picked(r) ? '[x]' : '[ ]') : picked(r) ? '(•)' : '( )') },
              { key: 'name', title: 'Network', value: label },
              { key: 'id', title: 'ID', width: 36, value: (r) => (r.kind === 'net' ? r.net.id : '') },
            ]}
            rows={rows.netRows}
            cursor={Math.min(s.lists.networks.cursor, Math.max(0, rows.netRows.length - 1))}
            height={listH - 1}
            width={width}
          />
        </FormFrame>
      );
    }
    case 'keypair':
      return (
        <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${stepHints}`}>
          <Text wrap="truncate">{`  Key pair: ${s.draft.keyName || '(none)'}`}</Text>
          <PickList<KeyRow>
            columns={[
              { key: 'name', title: 'Name', value: (k) => k.name },
              { key: 'type', title: 'Type', width: 6, value: (k) => ('none' in k ? '' : k.type) },
              { key: 'fp', title: 'Fingerprint', width: 48, value: (k) => ('none' in k ? 'the server gets no SSH key' : k.fingerprint) },
            ]}
            rows={rows.keyRows}
            cursor={Math.min(s.lists.keypair.cursor, Math.max(0, rows.keyRows.length - 1))}
            height={listH}
            width={width}
            filter={s.lists.keypair.filter}
            filterable
            picked={(k) => ('none' in k ? !s.draft.keyName : k.name === s.draft.keyName)}
          />
        </FormFrame>
      );
    case 'security':
      return (
        <FormFrame {...common} hints={`↑↓ move  Space/Enter toggle  ${stepHints}`}>
          <Text wrap="truncate">{`  Security groups: ${s.draft.securityGroups.length ? s.draft.securityGroups.join(', ') : '(none picked: Nova applies the project default group)'}`}</Text>
          <PickList<SecurityGroup>
            columns={[
              { key: 'check', title: ' ', width: 3, value: (g) => (s.draft.securityGroups.includes(g.name) ? '[x]' : '[ ]') },
              { key: 'name', title: 'Name', value: (g) => g.name },
              { key: 'desc', title: 'Description', value: (g) => g.description ?? '' },
            ]}
            rows={rows.groups}
            cursor={Math.min(s.lists.security.cursor, Math.max(0, rows.groups.length - 1))}
            height={listH}
            width={width}
            emptyText="No security group is visible to this project."
          />
        </FormFrame>
      );
    case 'config': {
      const ud = udPath.trim() ? userData : undefined;
      return (
        <FormFrame {...common} hints={`↑↓ field  Enter next  ${stepHints}`}>
          <TextField
            label="User data"
            state={{ value: s.draft.userDataPath, cursor: s.cursors.userDataPath }}
            focused={s.field === 0}
            width={width}
            placeholder="path of a file (cloud-init), optional"
            note={ud?.ok && ud.path ? `${kib(ud.bytes)} of 48 KiB` : 'at most 48 KiB'}
            error={ud && !ud.ok ? ud.message : undefined}
          />
          <TextField
            label="Metadata"
            state={{ value: s.draft.metadataText, cursor: s.cursors.metadataText }}
            focused={s.field === 1}
            width={width}
            placeholder='key=value pairs, e.g. role=web "note=two words"'
            error={errors.find((e) => e.field === 'metadata')?.message}
          />
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
        else lines.push({ text: `  ${k.padEnd(20)}${v}` });
      }
      if (unset.length) wrapText(unset.join(', '), width - 24).forEach((w, i) => lines.push({ text: `  ${(i ? '' : 'not sent').padEnd(20)}${w}`, dim: true }));
      if (errors.length) {
        lines.push({ text: '' }, { text: `  ${errors.length} problem${errors.length > 1 ? 's' : ''}: nothing will be sent until fixed`, color: color('red'), bold: true });
        for (const e of errors) for (const w of wrapText(`${BOOT_STEP_TITLES[e.step]}: ${e.message}`, width - 4)) lines.push({ text: `  ${w}`, color: color('red') });
      }
      lines.push({ text: '' }, { text: '  Equivalent command (y copies it to the terminal clipboard):', dim: true });
      for (const w of wrapText(bootCommandLine(s.draft, ctx), width - 2)) lines.push({ text: w, color: color('cyan') });
      return (
        <FormFrame
          {...common}
          hints={`${errors.length ? 'Enter go to the first problem' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter boot (one request)'}  y copy command  ↑↓ scroll  ${stepHints}`}
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

function fmt(n: number): string {
  return n === Infinity ? 'unlimited' : String(n);
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

