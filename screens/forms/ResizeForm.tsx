import { Text, useStdout } from 'ink';
import React, { useEffect, useRef } from 'react';
import { refFor, resizeCommandLine } from '../../src/forms/commandLine.js';
import { isCurrentFlavor, resizeFitReason } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { Flavor, Image, Limits, Server, ServerFlavorRef } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { copyToTerminal } from './clipboard.js';
import { FormFrame, PickList, ReviewLine, type StepStatus } from './fields.js';
import { wrapText } from './lines.js';
import { filterRows, listKey, type ListState } from './listNav.js';
import { RefusedView, UnknownView, unknownHints, type CheckState } from './outcome.js';
import { ServerProgress } from './progressViews.js';
import { useFormKeys, useMounted, useStore } from './store.js';
import type { FormHostProps } from './types.js';

/**
 * The resize form: Flavor (the same fit rules as boot, the quota counted on the growth; the
 * current flavor and smaller disks refused), Review; one resize request; then it waits for
 * VERIFY_RESIZE and offers confirm or revert (each one request); then the server's detail.
 */

type Step = 'flavor' | 'review';
type Phase = 'edit' | 'sending' | 'refused' | 'unknown' | 'resizing' | 'verify' | 'finishing' | 'failed';

interface ResizeData {
  server: Server;
  flavors: Flavor[];
  limits?: Limits;
  image?: Image;
  current: ServerFlavorRef;
}

interface ResizeState {
  step: Step;
  list: ListState;
  flavorId?: string;
  message?: { text: string; tone?: 'info' | 'error' | 'success' };
  phase: Phase;
  /** Which request is in flight or failed: the resize, or its confirm / revert. */
  action: 'resize' | 'confirm' | 'revert';
  error?: unknown;
  check: CheckState;
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
  // Before 2.47 the server names only the flavor id: take vCPUs, RAM and disk from the list.
  const byId = fresh.flavor.id ? flavors.find((f) => f.id === fresh.flavor.id) : undefined;
  const current: ServerFlavorRef = byId ? { ...fresh.flavor, name: byId.name, vcpus: byId.vcpus, ram: byId.ram, disk: byId.disk } : fresh.flavor;
  return { server: fresh, flavors: [...flavors].sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk), limits, image, current };
}

const verifying = (s: Server) => s.status === 'VERIFY_RESIZE' && !s.taskState;
const idleActive = (s: Server) => (s.status === 'ACTIVE' || s.status === 'SHUTOFF') && !s.taskState;

export function ResizeForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers } = props;
  const data = useAsync<ResizeData>(() => loadResizeData(managers, props.server), [managers, props.server.id]);
  const { state, get, update } = useStore<ResizeState>(() => ({
    step: 'flavor',
    list: { cursor: 0, filter: '' },
    phase: props.server.status === 'VERIFY_RESIZE' ? 'verify' : 'edit',
    action: 'resize',
    check: { kind: 'none' },
    watch: props.server.status === 'VERIFY_RESIZE' ? [{ id: props.server.id, name: props.server.name, server: props.server }] : undefined,
  }));
  const guards = useRef({ resize: new SubmitOnce(), confirm: new SubmitOnce(), revert: new SubmitOnce() });
  const mounted = useMounted();
  const propsRef = useRef(props);
  propsRef.current = props;
  const { stdout } = useStdout();
  const d = data.data;
  const server = d?.server ?? props.server;
  const width = Math.max(40, props.width);
  const bodyHeight = Math.max(6, props.height - 6);
  const cloudName = managers.session.config.cloudName;

  const reason = (f: Flavor) => (d ? resizeFitReason(f, { current: d.current, limits: d.limits, image: d.image }) : undefined);
  const rowsOf = (s: ResizeState) => filterRows(d?.flavors ?? [], s.list.filter, (f) => `${f.name} ${f.id}`);
  const flavorName = (id?: string) => d?.flavors.find((f) => f.id === id)?.name ?? id ?? '';
  const currentName = d ? d.current.name ?? flavorName(d.current.id) : props.server.flavor.name ?? props.server.flavor.id ?? '';

  const send = async (action: 'resize' | 'confirm' | 'revert'): Promise<void> => {
    const s = get();
    const guard = guards.current[action];
    if (guard.phase !== 'idle') return;
    if (propsRef.current.readOnly) return update((x) => ({ ...x, message: { text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' } }));
    if (action === 'resize' && !s.flavorId) return update((x) => ({ ...x, step: 'flavor', message: { text: 'Nothing was sent: pick a flavor.', tone: 'error' } }));
    const flavorId = s.flavorId!;
    update((x) => ({ ...x, phase: 'sending', action, message: undefined }));
    const r = await guard.submit(() =>
      action === 'resize' ? managers.servers.resize(server.id, flavorId) : action === 'confirm' ? managers.servers.confirmResize(server.id) : managers.servers.revertResize(server.id),
    );
    if (!mounted.current) return;
    if (r.kind === 'sent') update((x) => ({ ...x, phase: action === 'resize' ? 'resizing' : 'finishing', watch: [{ id: server.id, name: server.name }], watchStarted: Date.now() }));
    else if (r.kind === 'refused') update((x) => ({ ...x, phase: 'refused', error: r.error }));
    else if (r.kind === 'unknown') update((x) => ({ ...x, phase: 'unknown', error: r.error, check: { kind: 'none' } }));
  };

  // Follow the server: to VERIFY_RESIZE after the resize, to ACTIVE after confirm / revert.
  const following = state.phase === 'resizing' || state.phase === 'finishing' ? state.phase : '';
  useEffect(() => {
    if (!following) return;
    const ac = new AbortController();
    const target = following === 'resizing' ? (s: Server) => verifying(s) || idleActive(s) : idleActive;
    watchServers(managers, [{ id: server.id, name: server.name }], (w) => update((x) => ({ ...x, watch: w })), { intervalMs: props.pollIntervalMs, signal: ac.signal, target }).then(
      (final) => {
        if (ac.signal.aborted || !mounted.current) return;
        const s = final[0]?.server;
        if (!s || s.status === 'ERROR' || final[0]?.gone) return update((x) => ({ ...x, phase: 'failed' }));
        if (following === 'resizing' && verifying(s)) return update((x) => ({ ...x, phase: 'verify', message: undefined }));
        if (following === 'resizing') {
          // Back to ACTIVE without VERIFY_RESIZE: either auto-confirmed on the new flavor, or the resize failed.
          const onNew = isCurrentFlavor({ id: get().flavorId ?? '', name: flavorName(get().flavorId) }, s.flavor);
          if (!onNew) return update((x) => ({ ...x, phase: 'failed', message: { text: `The resize did not happen: ${s.name} is ${s.status} on ${s.flavor.name ?? s.flavor.id} again (see its instance actions for why).`, tone: 'error' } }));
        }
        propsRef.current.onClose({ kind: 'server', serverId: s.id });
      },
      () => undefined,
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [following, managers, server.id]);

  const check = async () => {
    update((x) => ({ ...x, check: { kind: 'checking' } }));
    try {
      const s = await managers.servers.get(server.id);
      if (!mounted.current) return;
      const action = get().action;
      const started = action === 'resize' ? s.status === 'RESIZE' || s.status === 'VERIFY_RESIZE' || !!s.taskState?.startsWith('resize') : s.status !== 'VERIFY_RESIZE';
      update((x) => ({
        ...x,
        check: started
          ? { kind: 'found', text: `It was done: ${s.name} is ${s.status}${s.taskState ? ` (${s.taskState})` : ''}.` }
          : { kind: 'absent', text: `${s.name} is ${s.status}: the ${action} did not start.` },
      }));
    } catch (err) {
      if (mounted.current) update((x) => ({ ...x, check: { kind: 'failed', text: `The check failed too: ${describeError(err)}` } }));
    }
  };

  const backToForm = () => {
    const a = get().action;
    guards.current[a].rearm();
    update((x) => ({ ...x, phase: a === 'resize' ? 'edit' : 'verify', step: 'review', error: undefined, check: { kind: 'none' }, message: { text: 'Nothing changed: you can try again.' } }));
  };

  useFormKeys((input, key) => {
    const s = get();
    const ret = key.return;
    switch (s.phase) {
      case 'sending':
        return;
      case 'refused':
        if (ret || input === 'e') backToForm();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'unknown':
        if (s.check.kind === 'found' && ret) update((x) => ({ ...x, phase: x.action === 'resize' ? 'resizing' : 'finishing', watch: [{ id: server.id, name: server.name }], watchStarted: Date.now() }));
        else if (s.check.kind === 'absent' && input === 'r') {
          guards.current[s.action].rearm();
          void send(s.action);
        } else if (s.check.kind === 'absent' && input === 'e') backToForm();
        else if (input === 'c' && s.check.kind !== 'checking') void check();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'resizing':
      case 'finishing':
        if (key.escape) propsRef.current.onClose({ kind: 'server', serverId: server.id });
        return;
      case 'verify':
        if (input === 'c') void send('confirm');
        else if (input === 'r') void send('revert');
        else if (key.escape) propsRef.current.onClose({ kind: 'server', serverId: server.id });
        return;
      case 'failed':
        if (key.escape || ret) propsRef.current.onClose({ kind: 'server', serverId: server.id });
        return;
      case 'edit':
        break;
    }
    if (key.ctrl && input === 'r') return data.reload();
    if (key.tab) return update((x) => ({ ...x, step: key.shift ? 'flavor' : 'review', message: undefined }));
    if (s.step === 'review') {
      if (key.escape) return propsRef.current.onClose({ kind: 'cancelled' });
      if (input === 'y' && s.flavorId) {
        const ok = copyToTerminal(stdout as NodeJS.WriteStream, resizeCommandLine(server.id, refFor(d?.flavors ?? [], s.flavorId), cloudName));
        return update((x) => ({ ...x, message: { text: ok ? 'Command copied to the terminal clipboard (OSC 52).' : 'Select the command with the mouse.', tone: 'success' } }));
      }
      if (ret) void send('resize');
      return;
    }
    const rows = rowsOf(s);
    if (key.escape) {
      if (s.list.filter) return update((x) => ({ ...x, list: { cursor: 0, filter: '' } }));
      return propsRef.current.onClose({ kind: 'cancelled' });
    }
    const r = listKey({ ...s.list, cursor: Math.min(s.list.cursor, Math.max(0, rows.length - 1)) }, input, key, rows.length, bodyHeight - 4, true);
    if (r.kind === 'state') return update((x) => ({ ...x, list: r.state, message: undefined }));
    if (r.kind !== 'pick') return;
    const f = rows[Math.min(s.list.cursor, rows.length - 1)];
    if (!f) return;
    const why = reason(f);
    if (why) return update((x) => ({ ...x, message: { text: `${f.name} cannot be used: ${why}.`, tone: 'error' } }));
    update((x) => ({ ...x, flavorId: f.id, step: 'review', message: undefined }));
  });

  const s = state;
  const title = `Resize server ${server.name}`;
  const target = flavorName(s.flavorId);
  if (s.phase === 'sending') {
    return (
      <FormFrame title={title} width={width} hints="One request is in flight; keys are ignored until it is answered.">
        <ProgressLine text={s.action === 'resize' ? `Sending one resize request (${currentName} -> ${target})…` : `Sending one ${s.action === 'confirm' ? 'confirmResize' : 'revertResize'} request…`} active />
      </FormFrame>
    );
  }
  if (s.phase === 'refused') {
    return (
      <FormFrame title={title} width={width} hints="Enter/e back (try again)   Esc close">
        <RefusedView what={`The ${s.action} request`} error={s.error} />
      </FormFrame>
    );
  }
  if (s.phase === 'unknown') {
    return (
      <FormFrame title={title} width={width} hints={unknownHints(s.check)}>
        <UnknownView what={`the ${s.action} request`} maybe={`the ${s.action} may have started.`} error={s.error} check={s.check} />
      </FormFrame>
    );
  }
  if (s.phase === 'resizing' || s.phase === 'finishing' || s.phase === 'verify' || s.phase === 'failed') {
    const w = s.watch ?? [{ id: server.id, name: server.name, server }];
    const now = w[0]?.server;
    const hints =
      s.phase === 'verify' ? 'c confirm (keep the new flavor)   r revert (back to the old one)   Esc decide later'
        : s.phase === 'failed' ? 'Enter/Esc open the server'
          : 'Following the server; Esc open it now (it goes on)';
    const message =
      s.phase === 'verify'
        ? { text: `${server.name} runs on ${now?.flavor.name ?? target} and waits in VERIFY_RESIZE: confirm to keep it, revert to go back${currentName && currentName !== now?.flavor.name ? ` to ${currentName}` : ''}.`, tone: 'success' as const }
        : s.phase === 'failed'
          ? s.message ?? { text: 'The resize failed.', tone: 'error' as const }
          : { text: s.phase === 'resizing' ? `Resize accepted: waiting for VERIFY_RESIZE (${currentName} -> ${target}).` : `${s.action === 'confirm' ? 'Confirm' : 'Revert'} accepted: waiting for ACTIVE.` };
    return (
      <FormFrame title={title} width={width} hints={hints} message={message}>
        <ServerProgress states={w} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} target={s.phase === 'resizing' ? (x) => verifying(x) || idleActive(x) : s.phase === 'verify' ? verifying : idleActive} />
      </FormFrame>
    );
  }

  if (data.loading && !d) {
    return (
      <FormFrame title={title} width={width} hints="Esc cancel">
        <ProgressLine text="Loading flavors, quota and the server…" active />
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
  const steps: Array<{ title: string; status: StepStatus }> = [
    { title: 'Flavor', status: s.flavorId ? 'ok' : 'todo' },
    { title: 'Review', status: 'todo' },
  ];
  const common = { title, width, steps, current: s.step === 'flavor' ? 0 : 1, message: s.message };
  const nav = 'Tab next step  Shift-Tab back  Esc cancel';
  if (s.step === 'flavor') {
    const rows = rowsOf(s);
    const l = d.limits;
    return (
      <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${nav}`}>
        <Text wrap="truncate">{`  Now: ${currentName} (${d.current.vcpus ?? '?'} vCPU, ${d.current.ram ?? '?'} MiB RAM, ${d.current.disk ?? '?'} GB disk)${l ? `; quota left: ${fmt(l.cores.remaining)} vCPUs, ${fmt(l.ram.remaining)} MiB RAM` : ''}`}</Text>
        <PickList<Flavor>
          columns={[
            { key: 'name', title: 'Name', value: (f) => f.name },
            { key: 'vcpus', title: 'vCPUs', width: 5, align: 'right', value: (f) => String(f.vcpus) },
            { key: 'ram', title: 'RAM MiB', width: 8, align: 'right', value: (f) => String(f.ram) },
            { key: 'disk', title: 'Disk GB', width: 7, align: 'right', value: (f) => String(f.disk) },
          ]}
          rows={rows}
          cursor={Math.min(s.list.cursor, Math.max(0, rows.length - 1))}
          height={bodyHeight - 1}
          width={width}
          filter={s.list.filter}
          filterable
          picked={(f) => f.id === s.flavorId}
          disabledReason={reason}
        />
      </FormFrame>
    );
  }
  const f = d.flavors.find((x) => x.id === s.flavorId);
  return (
    <FormFrame {...common} hints={`${!f ? 'pick a flavor first' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter resize (one request)'}  y copy command  ${nav}`}>
      <Text bold>{`  POST /servers/${server.id}/action resize:`}</Text>
      <ReviewLine label="from" value={`${currentName} (${d.current.vcpus ?? '?'} vCPU, ${d.current.ram ?? '?'} MiB RAM, ${d.current.disk ?? '?'} GB disk)`} />
      <ReviewLine label="flavorRef" value={f ? `${f.id} (${f.name}: ${f.vcpus} vCPU, ${f.ram} MiB RAM, ${f.disk} GB disk)` : '(none picked)'} color={f ? undefined : color('red')} />
      <Text dimColor wrap="wrap">{'  Then the server waits in VERIFY_RESIZE: this form offers confirm (keep) or revert (go back).'}</Text>
      {f ? (
        <>
          <Text dimColor>{'  Equivalent command (y copies it to the terminal clipboard):'}</Text>
          {wrapText(resizeCommandLine(server.id, refFor(d.flavors, f.id), cloudName), width - 2).map((w, i) => (
            <Text key={i} color={color('cyan')}>{w}</Text>
          ))}
        </>
      ) : null}
    </FormFrame>
  );
}

function fmt(n: number): string {
  return n === Infinity ? 'unlimited' : String(n);
}
