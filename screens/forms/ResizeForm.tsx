import { Text } from '../widgets/Text.js';
import React, { useRef } from 'react';
import { refFor, resizeCommandLine } from '../../src/forms/commandLine.js';
import { isCurrentFlavor, quotaLeft, resizeFitReason, withFlavorDetails } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { idleOrStopped, watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { Flavor, Image, Limits, Server, ServerFlavorRef } from '../../src/managers/types.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { checkServerAction } from './checks.js';
import { FLAVOR_COLUMNS } from './columns.js';
import { FormFrame, LoadFrame, PickList, pickThenReview, STEP_KEYS } from './fields.js';
import { commandLines, Lines, reviewLine, wrappedLines, type FormLine } from './lines.js';
import { filterRows, pickStepKey, type ListState } from './listNav.js';
import { inRequest, RequestView } from './outcome.js';
import { ServerProgress } from './progressViews.js';
import { requestKeys, runCheck, sendOnce, type RequestFields } from './request.js';
import { useFormKeys } from './store.js';
import type { FormHostProps } from './types.js';
import { useFollow, useForm } from './useForm.js';

/**
 * The resize form: Flavor (the same fit rules as boot, the quota counted on the growth; the
 * current flavor and smaller disks refused), Review; one resize request; then it waits for
 * VERIFY_RESIZE and offers confirm or revert (each one request); then the server's detail.
 */

type Step = 'flavor' | 'review';
type Phase = 'edit' | 'sending' | 'refused' | 'unknown' | 'resizing' | 'verify' | 'finishing' | 'failed';
type Action = 'resize' | 'confirm' | 'revert';

interface ResizeData {
  server: Server;
  flavors: Flavor[];
  limits?: Limits;
  image?: Image;
  current: ServerFlavorRef;
}

interface ResizeState extends RequestFields {
  step: Step;
  list: ListState;
  flavorId?: string;
  phase: Phase;
  /** Which request is in flight or failed: the resize, or its confirm / revert. */
  action: Action;
  watch?: ServerWatchState[];
  watchStarted?: number;
}

async function loadResizeData(managers: FormHostProps['managers'], server: Server): Promise<ResizeData> {
  const [fresh, flavors, limits] = await Promise.all([
    managers.servers.get(server.id),
    managers.flavors.list(),
    managers.limits.get().catch(() => undefined),
  ]);
  const image = fresh.imageId ? await managers.images.get(fresh.imageId).catch(() => undefined) : undefined;
  const sorted = [...flavors].sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk);
  return { server: fresh, flavors: sorted, limits, image, current: withFlavorDetails(fresh.flavor, flavors) };
}

const verifying = (s: Server) => s.status === 'VERIFY_RESIZE' && !s.taskState;
const verifyingOrIdle = (s: Server) => verifying(s) || idleOrStopped(s);

export function ResizeForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers } = props;
  const data = useAsync<ResizeData>(() => loadResizeData(managers, props.server), [managers, props.server.id]);
  const inVerify = props.server.status === 'VERIFY_RESIZE';
  const form = useForm<ResizeState, typeof props>(props, () => ({
    step: 'flavor',
    list: { cursor: 0, filter: '' },
    phase: inVerify ? 'verify' : 'edit',
    action: 'resize',
    check: { kind: 'none' },
    watch: inVerify ? [{ id: props.server.id, name: props.server.name, server: props.server }] : undefined,
  }));
  const { state, get, update, width, bodyHeight, close } = form;
  const guards = useRef({ resize: new SubmitOnce(), confirm: new SubmitOnce(), revert: new SubmitOnce() });
  const d = data.data;
  const server = d?.server ?? props.server;
  const cloudName = managers.session.config.cloudName;

  const reason = (f: Flavor) => (d ? resizeFitReason(f, { current: d.current, limits: d.limits, image: d.image }) : undefined);
  const rowsOf = (s: ResizeState) => filterRows(d?.flavors ?? [], s.list.filter, (f) => `${f.name} ${f.id}`);
  const flavorName = (id?: string) => d?.flavors.find((f) => f.id === id)?.name ?? id ?? '';
  const currentName = d ? (d.current.name ?? flavorName(d.current.id)) : (props.server.flavor.name ?? props.server.flavor.id ?? '');
  const commandOf = (flavorId: string) => resizeCommandLine(server.id, refFor(d?.flavors ?? [], flavorId), cloudName);
  const follow = (action: Action) =>
    update((x) => ({
      ...x,
      phase: action === 'resize' ? 'resizing' : 'finishing',
      watch: [{ id: server.id, name: server.name }],
      watchStarted: Date.now(),
    }));

  const send = (action: Action): void => {
    const guard = guards.current[action];
    const flavorId = get().flavorId;
    if (guard.phase !== 'idle' || form.refuseReadOnly()) return;
    if (action === 'resize' && !flavorId)
      return update((x) => ({ ...x, step: 'flavor', message: { text: 'Nothing was sent: pick a flavor.', tone: 'error' } }));
    update((x) => ({ ...x, action }));
    const request = () =>
      action === 'resize'
        ? managers.servers.resize(server.id, flavorId!)
        : action === 'confirm'
          ? managers.servers.confirmResize(server.id)
          : managers.servers.revertResize(server.id);
    void sendOnce(form, guard, request, () => follow(action));
  };

  // Follow the server: to VERIFY_RESIZE after the resize, to ACTIVE after confirm / revert.
  const following = state.phase === 'resizing' || state.phase === 'finishing' ? state.phase : '';
  useFollow(
    following,
    (signal) =>
      watchServers(managers, [{ id: server.id, name: server.name }], (w) => update((x) => ({ ...x, watch: w })), {
        intervalMs: props.pollIntervalMs,
        signal,
        target: following === 'resizing' ? verifyingOrIdle : idleOrStopped,
      }),
    (final) => {
      const s = final[0]?.server;
      if (!s || s.status === 'ERROR' || final[0]?.gone) return update((x) => ({ ...x, phase: 'failed' }));
      if (following === 'resizing' && verifying(s)) return update((x) => ({ ...x, phase: 'verify', message: undefined }));
      if (following === 'resizing') {
        // Back to ACTIVE without VERIFY_RESIZE: either auto-confirmed on the new flavor, or the resize failed.
        const onNew = isCurrentFlavor({ id: get().flavorId ?? '', name: flavorName(get().flavorId) }, s.flavor);
        if (!onNew)
          return update((x) => ({
            ...x,
            phase: 'failed',
            message: {
              text: `The resize did not happen: ${s.name} is ${s.status} on ${s.flavor.name ?? s.flavor.id} again (see its instance actions for why).`,
              tone: 'error',
            },
          }));
      }
      close({ kind: 'server', serverId: s.id });
    },
  );

  const check = () => {
    const action = get().action;
    return runCheck(form, () =>
      checkServerAction(
        managers,
        server.id,
        (s) =>
          action === 'resize'
            ? s.status === 'RESIZE' || s.status === 'VERIFY_RESIZE' || !!s.taskState?.startsWith('resize')
            : s.status !== 'VERIFY_RESIZE',
        (s) => `${s.name} is ${s.status}: the ${action} did not start.`,
      ),
    );
  };

  const backToForm = () => {
    const a = get().action;
    guards.current[a].rearm();
    update((x) => ({
      ...x,
      phase: a === 'resize' ? 'edit' : 'verify',
      step: 'review',
      error: undefined,
      check: { kind: 'none' },
      message: { text: 'Nothing changed: you can try again.' },
    }));
  };

  useFormKeys(
    (input, key) => {
      const s = get();
      const toServer = () => close({ kind: 'server', serverId: server.id });
      const resend = () => {
        guards.current[s.action].rearm();
        send(s.action);
      };
      if (
        requestKeys(s, input, key, {
          back: backToForm,
          follow: () => follow(s.action),
          resend,
          check: () => void check(),
          close: () => close({ kind: 'cancelled' }),
        })
      )
        return;
      switch (s.phase) {
        case 'resizing':
        case 'finishing':
          if (key.escape) toServer();
          return;
        case 'verify':
          if (input === 'c') send('confirm');
          else if (input === 'r') send('revert');
          else if (key.escape) toServer();
          return;
        case 'failed':
          if (key.escape || key.return) toServer();
          return;
      }
      if (key.ctrl && input === 'r') return data.reload();
      if (key.tab) return update((x) => ({ ...x, step: key.shift ? 'flavor' : 'review', message: undefined }));
      if (s.step === 'review') {
        if (key.escape) return close({ kind: 'cancelled' });
        if (input === 'y' && s.flavorId) return form.copyCommand(commandOf(s.flavorId));
        if (key.return) send('resize');
        return;
      }
      pickStepKey(form, rowsOf(s), reason, input, key, (f) =>
        update((x) => ({ ...x, flavorId: f.id, step: 'review', message: undefined })),
      );
    },
    { loading: !d && !data.error, typing: () => get().phase === 'edit' && get().step === 'flavor' },
  );

  const s = state;
  const title = `Resize server ${server.name}`;
  const target = flavorName(s.flavorId);
  if (inRequest(s)) {
    return (
      <RequestView
        title={title}
        width={width}
        request={s}
        sending={
          s.action === 'resize'
            ? `Sending one resize request (${currentName} -> ${target})…`
            : `Sending one ${s.action === 'confirm' ? 'confirmResize' : 'revertResize'} request…`
        }
        what={`the ${s.action} request`}
        maybe={`the ${s.action} may have started.`}
      />
    );
  }
  if (s.phase === 'resizing' || s.phase === 'finishing' || s.phase === 'verify' || s.phase === 'failed') {
    const w = s.watch ?? [{ id: server.id, name: server.name, server }];
    const now = w[0]?.server;
    const hints =
      s.phase === 'verify'
        ? 'c confirm (keep the new flavor)   r revert (back to the old one)   Esc decide later'
        : s.phase === 'failed'
          ? 'Enter/Esc open the server'
          : 'Following the server; Esc open it now (it goes on)';
    const message =
      s.phase === 'verify'
        ? {
            text: `${server.name} runs on ${now?.flavor.name ?? target} and waits in VERIFY_RESIZE: confirm to keep it, revert to go back${currentName && currentName !== now?.flavor.name ? ` to ${currentName}` : ''}.`,
            tone: 'success' as const,
          }
        : s.phase === 'failed'
          ? (s.message ?? { text: 'The resize failed.', tone: 'error' as const })
          : {
              text:
                s.phase === 'resizing'
                  ? `Resize accepted: waiting for VERIFY_RESIZE (${currentName} -> ${target}).`
                  : `${s.action === 'confirm' ? 'Confirm' : 'Revert'} accepted: waiting for ACTIVE.`,
            };
    return (
      <FormFrame title={title} width={width} hints={hints} message={message}>
        <ServerProgress
          states={w}
          elapsedMs={Date.now() - (s.watchStarted ?? Date.now())}
          target={s.phase === 'resizing' ? verifyingOrIdle : s.phase === 'verify' ? verifying : idleOrStopped}
        />
      </FormFrame>
    );
  }

  if (!d)
    return (
      <LoadFrame
        title={title}
        width={width}
        loading={data.loading}
        error={data.error}
        loadingText="Loading flavors, quota and the server…"
        errorTitle="Cannot load what the form needs"
      />
    );
  const common = { title, width, message: s.message, ...pickThenReview('Flavor', !!s.flavorId, s.step === 'flavor') };
  const now = `${currentName} (${d.current.vcpus ?? '?'} vCPU, ${d.current.ram ?? '?'} MiB RAM, ${d.current.disk ?? '?'} GB disk)`;
  if (s.step === 'flavor') {
    const l = d.limits;
    return (
      <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
        <Text wrap="truncate">{`  Now: ${now}${l ? `; quota left: ${quotaLeft(l.cores.remaining)} vCPUs, ${quotaLeft(l.ram.remaining)} MiB RAM` : ''}`}</Text>
        <PickList<Flavor>
          columns={FLAVOR_COLUMNS}
          rows={rowsOf(s)}
          list={s.list}
          height={bodyHeight - 1}
          width={width}
          filterable
          picked={(f) => f.id === s.flavorId}
          disabledReason={reason}
        />
      </FormFrame>
    );
  }
  const f = d.flavors.find((x) => x.id === s.flavorId);
  const lines: FormLine[] = [
    { text: `  POST /servers/${server.id}/action resize:`, bold: true },
    reviewLine('from', now),
    reviewLine(
      'flavorRef',
      f ? `${f.id} (${f.name}: ${f.vcpus} vCPU, ${f.ram} MiB RAM, ${f.disk} GB disk)` : '(none picked)',
      f ? {} : { color: color('red') },
    ),
    ...wrappedLines('Then the server waits in VERIFY_RESIZE: this form offers confirm (keep) or revert (go back).', width, { dim: true }),
    ...(f ? commandLines(commandOf(f.id), width) : []),
  ];
  return (
    <FormFrame
      {...common}
      hints={`${!f ? 'pick a flavor first' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter resize (one request)'}  y copy command  ${STEP_KEYS}`}
    >
      <Lines lines={lines} />
    </FormFrame>
  );
}
