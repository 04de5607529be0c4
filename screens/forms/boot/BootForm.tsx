import React, { useEffect, useMemo, useRef, useState } from 'react';
import { loadBootData, type BootData } from '../../../src/forms/bootData.js';
import {
  BOOT_STEPS,
  BOOT_STEP_TITLES,
  bootCommandLine,
  draftCount,
  draftToBootRequest,
  selectedImage,
  supportsAutoNone,
  validateBoot,
  type BootContext,
  type BootDraft,
  type BootStep,
} from '../../../src/forms/bootDraft.js';
import { bootFitReason } from '../../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../../src/forms/submitOnce.js';
import { checkUserDataFile, readUserDataFile, type UserDataCheck } from '../../../src/managers/userData.js';
import { watchServers } from '../../../src/forms/watch.js';
import type { BootResult } from '../../../src/managers/servers.js';
import type { Flavor, Image } from '../../../src/managers/types.js';
import { useAsync } from '../../hooks/useAsync.js';
import { LoadFrame, type StepStatus } from '../fields.js';
import { inRequest, RequestView, type CheckState } from '../outcome.js';
import { requestKeys, runCheck, sendOnce } from '../request.js';
import { useFormKeys } from '../store.js';
import type { FormHostProps } from '../types.js';
import { useFollow, useForm } from '../useForm.js';
import { ConfigStep } from './ConfigStep.js';
import { DetailsStep } from './DetailsStep.js';
import { CancelDialog, DeleteFailedDialog } from './dialogs.js';
import { FlavorStep } from './FlavorStep.js';
import { editKey, progressKey, type BootKeyTarget } from './keys.js';
import { KeypairStep } from './KeypairStep.js';
import { NetworksStep } from './NetworksStep.js';
import { ProgressStep } from './ProgressStep.js';
import { ReviewStep } from './ReviewStep.js';
import { SecurityStep } from './SecurityStep.js';
import { ServerGroupStep } from './ServerGroupStep.js';
import { SourceStep } from './SourceStep.js';
import { bootRows, CONFIG_FIELDS, fieldIndex, initialState, isListStep, pickedIndex, stepHasValue, typingIn } from './state.js';
import type { StepViewProps } from './view.js';

/**
 * The boot form: Details, Source, Flavor, Networks, Key pair, Security groups (when the cloud has
 * Neutron), Server group, Configuration, Review (one file per step here). Tab / Shift-Tab move between steps at
 * any time; nothing is sent until Enter on Review with a valid draft, and then exactly one create
 * request (SubmitOnce). Afterwards it follows the new servers until ACTIVE (then opens the server)
 * or ERROR (fault shown, values kept for a retry). Keys typed while the form loads what it offers
 * wait for it.
 */

export interface BootFormProps extends FormHostProps {
  /** Start from these values (e.g. `:boot` with some options given). */
  initial?: Partial<BootDraft>;
}

const STEP_VIEWS: Record<BootStep, (v: StepViewProps) => React.JSX.Element> = {
  details: DetailsStep,
  source: SourceStep,
  flavor: FlavorStep,
  networks: NetworksStep,
  keypair: KeypairStep,
  security: SecurityStep,
  group: ServerGroupStep,
  config: ConfigStep,
  review: ReviewStep,
};

const TITLE = 'Boot a new server';

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
  const [userData, setUserData] = useState<UserDataCheck | undefined>(undefined);
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
      serverGroups: d?.serverGroups,
      autoAllocation: d?.hasNetwork ? d.autoAllocation : undefined,
      userData: udPath.trim() ? userData : undefined,
      cloudName: d?.cloudName,
    }),
    [d, userData, udPath],
  );
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const errors = useMemo(() => (d ? validateBoot(state.draft, ctx) : []), [d, state.draft, ctx]);

  const flavorReason = (f: Flavor, draft: BootDraft): string | undefined =>
    bootFitReason(f, { count: draftCount(draft), limits: d?.limits, image: selectedImage(draft, ctxRef.current) });
  const imageReason = (i: Image): string | undefined => (i.status !== 'active' ? `status ${i.status}: only active images boot` : undefined);

  const submit = (): void => {
    const s = get();
    const c = { ...ctxRef.current, userData: s.draft.userDataPath.trim() ? checkUserDataFile(s.draft.userDataPath) : undefined };
    const errs = validateBoot(s.draft, c);
    const first = errs[0];
    if (first) {
      const more = errs.length > 1 ? ` (and ${errs.length - 1} more problem${errs.length > 2 ? 's' : ''})` : '';
      update((x) => ({
        ...x,
        step: first.step,
        field: fieldIndex(first),
        visited: [...new Set([...x.visited, ...steps])],
        message: { text: `Nothing was sent: ${first.message}${more}`, tone: 'error' },
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
    void sendOnce(
      form,
      guard.current,
      () => managers.servers.create(req),
      (result) =>
        update((x) => ({
          ...x,
          phase: 'progress',
          result,
          watch: result.servers.map((v) => ({ id: v.id, name: v.name })),
          watchStarted: Date.now(),
          progressCursor: 0,
        })),
    );
  };

  // Following the new servers.
  useFollow(
    state.phase === 'progress' && state.watch ? state.watch.map((w) => w.id).join(',') : '',
    (signal) =>
      watchServers(
        managers,
        (get().watch ?? []).map((w) => ({ id: w.id, name: w.name })),
        (states) => update((x) => ({ ...x, watch: states })),
        { intervalMs: props.pollIntervalMs, signal },
      ),
    (final) => {
      const ok = final.filter((w) => w.server?.status === 'ACTIVE');
      // One server, ACTIVE: open it, unless the admin password is on screen (it waits for Enter).
      if (final.length === 1 && ok.length === 1 && !get().result?.adminPass) close({ kind: 'server', serverId: ok[0]!.id });
    },
  );

  const backToForm = (text: string) => {
    guard.current.rearm();
    update((x) => ({
      ...x,
      phase: 'edit',
      step: 'review',
      error: undefined,
      check: { kind: 'none' },
      result: undefined,
      watch: undefined,
      found: undefined,
      message: { text, tone: 'info' },
    }));
  };

  const checkList = () => {
    const name = get().draft.name;
    return runCheck(form, async () => {
      const found = await managers.servers.listByName(name);
      const check: CheckState = found.length
        ? {
            kind: 'found',
            text: [
              `It was created: ${found.length} server${found.length > 1 ? 's' : ''} named '${name}':`,
              ...found.map((f) => `  ${f.name}  ${f.id}  ${f.status}`),
            ].join('\n'),
          }
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

  const moveStep = (delta: number) =>
    update((x) => {
      const i = steps.indexOf(x.step);
      const next = steps[Math.max(0, Math.min(steps.length - 1, i + delta))]!;
      if (next === x.step) return x;
      const at = pickedIndex(next, x, bootRows(x, d));
      const lists = at === undefined || !isListStep(next) ? x.lists : { ...x.lists, [next]: { ...x.lists[next], cursor: at } };
      const field = delta > 0 ? 0 : x.step === 'review' && next === 'config' ? CONFIG_FIELDS - 1 : 0;
      return {
        ...x,
        step: next,
        lists,
        field,
        visited: x.visited.includes(x.step) ? x.visited : [...x.visited, x.step],
        message: undefined,
        reviewTop: 0,
      };
    });

  const target: BootKeyTarget = {
    get,
    update,
    d,
    rows: (s) => bootRows(s, d),
    bodyHeight,
    moveStep,
    cancel,
    submit,
    say: form.say,
    copyCommand: () => form.copyCommand(bootCommandLine(get().draft, ctxRef.current)),
    reload: data.reload,
    close,
    backToForm,
    flavorReason,
    imageReason,
  };

  useFormKeys(
    (input, key) => {
      const s = get();
      const resend = () => {
        guard.current.rearm();
        update((x) => ({ ...x, found: undefined }));
        submit();
      };
      const follow = () =>
        update((x) => ({
          ...x,
          phase: 'progress',
          watch: (x.found ?? []).map((f) => ({ id: f.id, name: f.name })),
          watchStarted: Date.now(),
          progressCursor: 0,
        }));
      const back = (after: 'refused' | 'absent') =>
        backToForm(after === 'refused' ? 'Your values are kept: change what the error names and submit again.' : 'Your values are kept.');
      if (requestKeys(s, input, key, { back, follow, resend, check: () => void checkList(), close: () => close({ kind: 'cancelled' }) }))
        return;
      if (s.phase === 'confirmCancel' || s.phase === 'confirmDelete') return; // the dialog has the keys
      if (s.phase === 'progress') return progressKey(target, input, key);
      editKey(target, input, key);
    },
    { loading: !d && !data.error, typing: () => typingIn(get()) },
  );

  // ---- rendering ----
  const s = state;
  if (s.phase === 'confirmCancel')
    return <CancelDialog onDiscard={() => close({ kind: 'cancelled' })} onKeep={() => update((x) => ({ ...x, phase: 'edit' }))} />;
  if (s.phase === 'confirmDelete') return <DeleteFailedDialog s={s} managers={managers} mounted={mounted} update={update} />;
  if (inRequest(s)) {
    const name = s.draft.name;
    return (
      <RequestView
        title={TITLE}
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
  if (s.phase === 'progress') return <ProgressStep s={s} title={TITLE} width={width} />;
  if (!d)
    return (
      <LoadFrame
        title={TITLE}
        width={width}
        loading={data.loading}
        error={data.error}
        loadingText="Loading images, flavors, quota, key pairs, networks and server groups…"
        errorTitle="Cannot load what the form needs"
      />
    );

  const stepStatus = (st: BootStep): StepStatus => {
    if (st === 'review') return 'todo';
    if (errors.some((e) => e.step === st)) return s.visited.includes(st) ? 'error' : 'todo';
    return s.visited.includes(st) || stepHasValue(st, s.draft) ? 'ok' : 'todo';
  };
  const view: StepViewProps = {
    s,
    d,
    ctx,
    rows: bootRows(s, d),
    errors,
    width,
    bodyHeight,
    frame: {
      title: TITLE,
      width,
      steps: steps.map((st) => ({ title: BOOT_STEP_TITLES[st], status: stepStatus(st) })),
      current: steps.indexOf(s.step),
      message: s.message,
    },
    readOnly: props.readOnly,
    userData,
    flavorReason: (f) => flavorReason(f, s.draft),
    imageReason,
  };
  const Step = STEP_VIEWS[s.step];
  return <Step {...view} />;
}
