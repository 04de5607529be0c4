import { Text, useStdout } from 'ink';
import React, { useEffect, useRef } from 'react';
import { sizeText } from '../../src/commands/images.js';
import { rebuildCommandLine, refFor } from '../../src/forms/commandLine.js';
import { rebuildImageReason } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { Flavor, Image, Server, ServerFlavorRef } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
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
 * The rebuild form: Image (images whose min_disk / min_ram exceed the server's flavor are shown
 * disabled with the reason), Review, a confirmation (the disk is replaced); one request; then the
 * server until ACTIVE, then its detail.
 */

type Step = 'image' | 'review';
type Phase = 'edit' | 'confirm' | 'sending' | 'refused' | 'unknown' | 'progress' | 'failed';

interface RebuildState {
  step: Step;
  list: ListState;
  imageId?: string;
  message?: { text: string; tone?: 'info' | 'error' | 'success' };
  phase: Phase;
  error?: unknown;
  check: CheckState;
  watch?: ServerWatchState[];
  watchStarted?: number;
}

interface RebuildData {
  images: Image[];
  flavor: ServerFlavorRef;
}

async function loadRebuildData(managers: FormHostProps['managers'], server: Server): Promise<RebuildData> {
  const [images, flavors] = await Promise.all([
    managers.images.list({ sortKey: 'name', sortDir: 'asc' }),
    server.flavor.vcpus === undefined ? managers.flavors.list().catch(() => [] as Flavor[]) : Promise.resolve([] as Flavor[]),
  ]);
  const byId = server.flavor.id ? flavors.find((f) => f.id === server.flavor.id) : undefined;
  return { images, flavor: byId ? { ...server.flavor, name: byId.name, ram: byId.ram, disk: byId.disk, vcpus: byId.vcpus } : server.flavor };
}

/** Done: ACTIVE again (or SHUTOFF: Nova keeps a stopped server stopped), with no task. */
const idleActive = (s: Server) => (s.status === 'ACTIVE' || s.status === 'SHUTOFF') && !s.taskState;

export function RebuildForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers, server } = props;
  const data = useAsync<RebuildData>(() => loadRebuildData(managers, server), [managers, server.id]);
  const { state, get, update } = useStore<RebuildState>(() => ({ step: 'image', list: { cursor: 0, filter: '' }, phase: 'edit', check: { kind: 'none' } }));
  const guard = useRef(new SubmitOnce());
  const mounted = useMounted();
  const propsRef = useRef(props);
  propsRef.current = props;
  const { stdout } = useStdout();
  const d = data.data;
  const width = Math.max(40, props.width);
  const bodyHeight = Math.max(6, props.height - 6);
  const cloudName = managers.session.config.cloudName;
  const reason = (i: Image) => rebuildImageReason(i, d?.flavor ?? server.flavor);
  const rowsOf = (s: RebuildState) => filterRows(d?.images ?? [], s.list.filter, (i) => `${i.name} ${i.id}`);
  const imageOf = (id?: string) => d?.images.find((i) => i.id === id);

  const submit = async (): Promise<void> => {
    const s = get();
    if (guard.current.phase !== 'idle' || !s.imageId) return;
    if (propsRef.current.readOnly) return update((x) => ({ ...x, phase: 'edit', message: { text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' } }));
    const imageId = s.imageId;
    update((x) => ({ ...x, phase: 'sending', message: undefined }));
    const r = await guard.current.submit(() => managers.servers.rebuild(server.id, imageId));
    if (!mounted.current) return;
    if (r.kind === 'sent') update((x) => ({ ...x, phase: 'progress', watch: [{ id: server.id, name: server.name }], watchStarted: Date.now() }));
    else if (r.kind === 'refused') update((x) => ({ ...x, phase: 'refused', error: r.error }));
    else if (r.kind === 'unknown') update((x) => ({ ...x, phase: 'unknown', error: r.error, check: { kind: 'none' } }));
  };

  const following = state.phase === 'progress';
  useEffect(() => {
    if (!following) return;
    const ac = new AbortController();
    watchServers(managers, [{ id: server.id, name: server.name }], (w) => update((x) => ({ ...x, watch: w })), { intervalMs: props.pollIntervalMs, signal: ac.signal, target: idleActive }).then(
      (final) => {
        if (ac.signal.aborted || !mounted.current) return;
        const s = final[0]?.server;
        if (!s || s.status === 'ERROR') return update((x) => ({ ...x, phase: 'failed' }));
        propsRef.current.onClose({ kind: 'server', serverId: server.id });
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [following, managers, server.id, server.name, update, props.pollIntervalMs, mounted]);

  const check = async () => {
    update((x) => ({ ...x, check: { kind: 'checking' } }));
    try {
      const s = await managers.servers.get(server.id);
      if (!mounted.current) return;
      const started = s.status === 'REBUILD' || !!s.taskState?.startsWith('rebuild') || s.imageId === get().imageId;
      update((x) => ({
        ...x,
        check: started ? { kind: 'found', text: `It was done: ${s.name} is ${s.status}${s.taskState ? ` (${s.taskState})` : ''}.` } : { kind: 'absent', text: `${s.name} is ${s.status} on its old image: the rebuild did not start.` },
      }));
    } catch (err) {
      if (mounted.current) update((x) => ({ ...x, check: { kind: 'failed', text: `The check failed too: ${describeError(err)}` } }));
    }
  };

  const backToForm = () => {
    guard.current.rearm();
    update((x) => ({ ...x, phase: 'edit', step: 'review', error: undefined, check: { kind: 'none' }, message: { text: 'Nothing changed: you can try again.' } }));
  };

  useFormKeys((input, key) => {
    const s = get();
    const ret = key.return;
    switch (s.phase) {
      case 'confirm':
      case 'sending':
        return;
      case 'refused':
        if (ret || input === 'e') backToForm();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'unknown':
        if (s.check.kind === 'found' && ret) update((x) => ({ ...x, phase: 'progress', watch: [{ id: server.id, name: server.name }], watchStarted: Date.now() }));
        else if (s.check.kind === 'absent' && input === 'r') {
          guard.current.rearm();
          update((x) => ({ ...x, phase: 'edit' }));
          void submit();
        } else if (s.check.kind === 'absent' && input === 'e') backToForm();
        else if (input === 'c' && s.check.kind !== 'checking') void check();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'progress':
      case 'failed':
        if (key.escape || (s.phase === 'failed' && ret)) propsRef.current.onClose({ kind: 'server', serverId: server.id });
        return;
      case 'edit':
        break;
    }
    if (key.ctrl && input === 'r') return data.reload();
    if (key.tab) return update((x) => ({ ...x, step: key.shift ? 'image' : 'review', message: undefined }));
    if (s.step === 'review') {
      if (key.escape) return propsRef.current.onClose({ kind: 'cancelled' });
      if (input === 'y' && s.imageId) {
        const ok = copyToTerminal(stdout as NodeJS.WriteStream, rebuildCommandLine(server.id, refFor(d?.images ?? [], s.imageId), cloudName));
        return update((x) => ({ ...x, message: { text: ok ? 'Command copied to the terminal clipboard (OSC 52).' : 'Select the command with the mouse.', tone: 'success' } }));
      }
      if (!ret) return;
      if (!s.imageId) return update((x) => ({ ...x, step: 'image', message: { text: 'Nothing was sent: pick an image.', tone: 'error' } }));
      if (propsRef.current.readOnly) return update((x) => ({ ...x, message: { text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' } }));
      return update((x) => ({ ...x, phase: 'confirm' }));
    }
    const rows = rowsOf(s);
    if (key.escape) {
      if (s.list.filter) return update((x) => ({ ...x, list: { cursor: 0, filter: '' } }));
      return propsRef.current.onClose({ kind: 'cancelled' });
    }
    const r = listKey({ ...s.list, cursor: Math.min(s.list.cursor, Math.max(0, rows.length - 1)) }, input, key, rows.length, bodyHeight - 4, true);
    if (r.kind === 'state') return update((x) => ({ ...x, list: r.state, message: undefined }));
    if (r.kind !== 'pick') return;
    const img = rows[Math.min(s.list.cursor, rows.length - 1)];
    if (!img) return;
    const why = reason(img);
    if (why) return update((x) => ({ ...x, message: { text: `${img.name} cannot be used: ${why}.`, tone: 'error' } }));
    update((x) => ({ ...x, imageId: img.id, step: 'review', message: undefined }));
  });

  const s = state;
  const title = `Rebuild server ${server.name}`;
  const img = imageOf(s.imageId);
  if (s.phase === 'confirm') {
    return (
      <ConfirmDialog
        title={`Rebuild ${server.name}?`}
        message={`Rebuild ${server.name} (${server.id}) from ${img?.name ?? s.imageId}: its disk is replaced and everything on it is lost.`}
        confirmLabel="rebuild"
        danger
        onConfirm={() => void submit()}
        onCancel={() => update((x) => ({ ...x, phase: 'edit' }))}
      />
    );
  }
  if (s.phase === 'sending') {
    return (
      <FormFrame title={title} width={width} hints="One request is in flight; keys are ignored until it is answered.">
        <ProgressLine text={`Sending one rebuild request (${img?.name ?? s.imageId})…`} active />
      </FormFrame>
    );
  }
  if (s.phase === 'refused') {
    return (
      <FormFrame title={title} width={width} hints="Enter/e back (try again)   Esc close">
        <RefusedView what="The rebuild request" error={s.error} />
      </FormFrame>
    );
  }
  if (s.phase === 'unknown') {
    return (
      <FormFrame title={title} width={width} hints={unknownHints(s.check)}>
        <UnknownView what="the rebuild request" maybe="the rebuild may have started." error={s.error} check={s.check} />
      </FormFrame>
    );
  }
  if (s.phase === 'progress' || s.phase === 'failed') {
    return (
      <FormFrame
        title={title}
        width={width}
        hints={s.phase === 'failed' ? 'Enter/Esc open the server' : 'Following the rebuild; Esc open the server now (it goes on)'}
        message={s.phase === 'failed' ? { text: 'The rebuild failed.', tone: 'error' } : { text: `Rebuild accepted: waiting until ${server.name} runs ${img?.name ?? s.imageId} (ACTIVE, or SHUTOFF if it was stopped).` }}
      >
        <ServerProgress states={s.watch ?? []} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} target={idleActive} />
      </FormFrame>
    );
  }
  if (data.loading && !d) {
    return (
      <FormFrame title={title} width={width} hints="Esc cancel">
        <ProgressLine text="Loading images…" active />
      </FormFrame>
    );
  }
  if (!d) {
    return (
      <FormFrame title={title} width={width} hints="Ctrl-R retry   Esc cancel">
        <ErrorPanel title="Cannot list the images" error={data.error} />
      </FormFrame>
    );
  }
  const steps: Array<{ title: string; status: StepStatus }> = [
    { title: 'Image', status: s.imageId ? 'ok' : 'todo' },
    { title: 'Review', status: 'todo' },
  ];
  const common = { title, width, steps, current: s.step === 'image' ? 0 : 1, message: s.message };
  const nav = 'Tab next step  Shift-Tab back  Esc cancel';
  if (s.step === 'image') {
    const rows = rowsOf(s);
    const f = d.flavor;
    return (
      <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${nav}`}>
        <Text wrap="truncate">{`  Flavor ${f.name ?? f.id ?? '?'}: ${f.disk ?? '?'} GB disk, ${f.ram ?? '?'} MiB RAM (the image's min disk / min RAM must fit)`}</Text>
        <PickList<Image>
          columns={[
            { key: 'name', title: 'Name', value: (i) => i.name || i.id },
            { key: 'status', title: 'Status', width: 8, value: (i) => i.status },
            { key: 'size', title: 'Size', width: 10, align: 'right', value: (i) => sizeText(i.size) },
            { key: 'mindisk', title: 'Min disk', width: 8, align: 'right', value: (i) => (i.minDisk ? `${i.minDisk} GB` : '-') },
            { key: 'minram', title: 'Min RAM', width: 9, align: 'right', value: (i) => (i.minRam ? `${i.minRam} MiB` : '-') },
          ]}
          rows={rows}
          cursor={Math.min(s.list.cursor, Math.max(0, rows.length - 1))}
          height={bodyHeight - 1}
          width={width}
          filter={s.list.filter}
          filterable
          picked={(i) => i.id === s.imageId}
          disabledReason={reason}
        />
      </FormFrame>
    );
  }
  return (
    <FormFrame {...common} hints={`${!img ? 'pick an image first' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter rebuild (asks to confirm; one request)'}  y copy command  ${nav}`}>
      <Text bold>{`  POST /servers/${server.id}/action rebuild:`}</Text>
      <ReviewLine label="imageRef" value={img ? `${img.id} (${img.name})` : '(none picked)'} color={img ? undefined : color('red')} />
      <Text color={color('yellow')} wrap="wrap">{`  The disk of ${server.name} is replaced by the image: everything on it is lost.`}</Text>
      {img ? (
        <>
          <Text dimColor>{'  Equivalent command (y copies it to the terminal clipboard):'}</Text>
          {wrapText(rebuildCommandLine(server.id, refFor(d.images, img.id), cloudName), width - 2).map((w, i) => (
            <Text key={i} color={color('cyan')}>{w}</Text>
          ))}
        </>
      ) : null}
    </FormFrame>
  );
}
