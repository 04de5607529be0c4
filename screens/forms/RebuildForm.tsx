import { Text } from '../widgets/Text.js';
import React, { useRef } from 'react';
import { rebuildCommandLine, refFor } from '../../src/forms/commandLine.js';
import { rebuildImageReason, withFlavorDetails } from '../../src/forms/flavorFit.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { idleOrStopped, watchServers, type ServerWatchState } from '../../src/forms/watch.js';
import type { Flavor, Image, Server, ServerFlavorRef } from '../../src/managers/types.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { checkServerAction } from './checks.js';
import { IMAGE_COLUMNS } from './columns.js';
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
 * The rebuild form: Image (images whose min_disk / min_ram exceed the server's flavor are shown
 * disabled with the reason), Review, a confirmation (the disk is replaced); one request; then the
 * server until ACTIVE, then its detail.
 */

type Step = 'image' | 'review';
type Phase = 'edit' | 'confirm' | 'sending' | 'refused' | 'unknown' | 'progress' | 'failed';

interface RebuildState extends RequestFields {
  step: Step;
  list: ListState;
  imageId?: string;
  phase: Phase;
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
  return { images, flavor: withFlavorDetails(server.flavor, flavors) };
}

export function RebuildForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers, server } = props;
  const data = useAsync<RebuildData>(() => loadRebuildData(managers, server), [managers, server.id]);
  const form = useForm<RebuildState, typeof props>(props, () => ({
    step: 'image',
    list: { cursor: 0, filter: '' },
    phase: 'edit',
    check: { kind: 'none' },
  }));
  const { state, get, update, width, bodyHeight, close } = form;
  const guard = useRef(new SubmitOnce());
  const d = data.data;
  const cloudName = managers.session.config.cloudName;
  const reason = (i: Image) => rebuildImageReason(i, d?.flavor ?? server.flavor);
  const rowsOf = (s: RebuildState) => filterRows(d?.images ?? [], s.list.filter, (i) => `${i.name} ${i.id}`);
  const commandOf = (imageId: string) => rebuildCommandLine(server.id, refFor(d?.images ?? [], imageId), cloudName);
  const follow = () =>
    update((x) => ({ ...x, phase: 'progress', watch: [{ id: server.id, name: server.name }], watchStarted: Date.now() }));

  const submit = (): void => {
    const imageId = get().imageId;
    if (!imageId || form.refuseReadOnly()) return update((x) => ({ ...x, phase: 'edit' }));
    void sendOnce(form, guard.current, () => managers.servers.rebuild(server.id, imageId), follow);
  };

  useFollow(
    state.phase === 'progress' ? server.id : '',
    (signal) =>
      watchServers(managers, [{ id: server.id, name: server.name }], (w) => update((x) => ({ ...x, watch: w })), {
        intervalMs: props.pollIntervalMs,
        signal,
        target: idleOrStopped,
      }),
    (final) => {
      const s = final[0]?.server;
      if (!s || s.status === 'ERROR') return update((x) => ({ ...x, phase: 'failed' }));
      close({ kind: 'server', serverId: server.id });
    },
  );

  const check = () =>
    runCheck(form, () =>
      checkServerAction(
        managers,
        server.id,
        (s) => s.status === 'REBUILD' || !!s.taskState?.startsWith('rebuild') || s.imageId === get().imageId,
        (s) => `${s.name} is ${s.status} on its old image: the rebuild did not start.`,
      ),
    );

  const backToForm = () => {
    guard.current.rearm();
    update((x) => ({
      ...x,
      phase: 'edit',
      step: 'review',
      error: undefined,
      check: { kind: 'none' },
      message: { text: 'Nothing changed: you can try again.' },
    }));
  };

  useFormKeys(
    (input, key) => {
      const s = get();
      const cancel = () => close({ kind: 'cancelled' });
      const resend = () => {
        guard.current.rearm();
        submit();
      };
      if (requestKeys(s, input, key, { back: backToForm, follow, resend, check: () => void check(), close: cancel })) return;
      if (s.phase === 'confirm') return;
      if (s.phase === 'progress' || s.phase === 'failed') {
        if (key.escape || (s.phase === 'failed' && key.return)) close({ kind: 'server', serverId: server.id });
        return;
      }
      if (key.ctrl && input === 'r') return data.reload();
      if (key.tab) return update((x) => ({ ...x, step: key.shift ? 'image' : 'review', message: undefined }));
      if (s.step === 'review') {
        if (key.escape) return cancel();
        if (input === 'y' && s.imageId) return form.copyCommand(commandOf(s.imageId));
        if (!key.return) return;
        if (!s.imageId)
          return update((x) => ({ ...x, step: 'image', message: { text: 'Nothing was sent: pick an image.', tone: 'error' } }));
        if (!form.refuseReadOnly()) update((x) => ({ ...x, phase: 'confirm' }));
        return;
      }
      pickStepKey(form, rowsOf(s), reason, input, key, (img) =>
        update((x) => ({ ...x, imageId: img.id, step: 'review', message: undefined })),
      );
    },
    { loading: !d && !data.error, typing: () => get().phase === 'edit' && get().step === 'image' },
  );

  const s = state;
  const title = `Rebuild server ${server.name}`;
  const img = d?.images.find((i) => i.id === s.imageId);
  const imageName = img?.name ?? s.imageId;
  if (s.phase === 'confirm') {
    return (
      <ConfirmDialog
        title={`Rebuild ${server.name}?`}
        message={`Rebuild ${server.name} (${server.id}) from ${imageName}: its disk is replaced and everything on it is lost.`}
        confirmLabel="rebuild"
        destructive
        onConfirm={submit}
        onCancel={() => update((x) => ({ ...x, phase: 'edit' }))}
      />
    );
  }
  if (inRequest(s)) {
    return (
      <RequestView
        title={title}
        width={width}
        request={s}
        sending={`Sending one rebuild request (${imageName})…`}
        what="the rebuild request"
        maybe="the rebuild may have started."
      />
    );
  }
  if (s.phase === 'progress' || s.phase === 'failed') {
    return (
      <FormFrame
        title={title}
        width={width}
        hints={s.phase === 'failed' ? 'Enter/Esc open the server' : 'Following the rebuild; Esc open the server now (it goes on)'}
        message={
          s.phase === 'failed'
            ? { text: 'The rebuild failed.', tone: 'error' }
            : { text: `Rebuild accepted: waiting until ${server.name} runs ${imageName} (ACTIVE, or SHUTOFF if it was stopped).` }
        }
      >
        <ServerProgress states={s.watch ?? []} elapsedMs={Date.now() - (s.watchStarted ?? Date.now())} target={idleOrStopped} />
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
        loadingText="Loading images…"
        errorTitle="Cannot list the images"
      />
    );
  const common = { title, width, message: s.message, ...pickThenReview('Image', !!s.imageId, s.step === 'image') };
  if (s.step === 'image') {
    const f = d.flavor;
    return (
      <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
        <Text wrap="truncate">{`  Flavor ${f.name ?? f.id ?? '?'}: ${f.disk ?? '?'} GB disk, ${f.ram ?? '?'} MiB RAM (the image's min disk / min RAM must fit)`}</Text>
        <PickList<Image>
          columns={IMAGE_COLUMNS}
          rows={rowsOf(s)}
          list={s.list}
          height={bodyHeight - 1}
          width={width}
          filterable
          picked={(i) => i.id === s.imageId}
          disabledReason={reason}
        />
      </FormFrame>
    );
  }
  const lines: FormLine[] = [
    { text: `  POST /servers/${server.id}/action rebuild:`, bold: true },
    reviewLine('imageRef', img ? `${img.id} (${img.name})` : '(none picked)', img ? {} : { color: color('red') }),
    ...wrappedLines(`The disk of ${server.name} is replaced by the image: everything on it is lost.`, width, { color: color('yellow') }),
    ...(img ? commandLines(commandOf(img.id), width) : []),
  ];
  return (
    <FormFrame
      {...common}
      hints={`${!img ? 'pick an image first' : props.readOnly ? 'read-only: nothing can be sent' : 'Enter rebuild (asks to confirm; one request)'}  y copy command  ${STEP_KEYS}`}
    >
      <Lines lines={lines} />
    </FormFrame>
  );
}
