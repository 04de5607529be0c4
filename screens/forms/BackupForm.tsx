import React, { useMemo } from 'react';
import {
  BACKUP_TYPES,
  backupCommandLine,
  backupTypeOf,
  newBackupDraft,
  parseRotation,
  validateBackup,
  type BackupDraft,
} from '../../src/forms/backupDraft.js';
import { refFor } from '../../src/forms/commandLine.js';
import { defaultBackupName } from '../../src/forms/names.js';
import { rotationPreview } from '../../src/forms/rotation.js';
import { watchImage } from '../../src/forms/watch.js';
import type { Image, Server } from '../../src/managers/types.js';
import { useAsync } from '../hooks/useAsync.js';
import { color } from '../theme.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import {
  BackupDetailsStep,
  backupReviewLines,
  fieldsOf,
  rotationQuestion,
  type BackupFieldKey,
  type BackupTextKey,
} from './backupSteps.js';
import { FormFrame, PickList, STEP_KEYS, type StepStatus } from './fields.js';
import { ScrollLines, scrollKey } from './lines.js';
import { filterRows, pickKey, type ListState } from './listNav.js';
import { inRequest, RequestView } from './outcome.js';
import { ImageProgress } from './progressViews.js';
import { useFormKeys } from './store.js';
import { editDraftField, fieldKey } from './textEdit.js';
import type { FormHostProps } from './types.js';
import { useFollow, useForm } from './useForm.js';
import { useImageRequest, type ImageRequestFields } from './useImageRequest.js';

/**
 * The backup form (createBackup): Server (when not given), Details (name, type, rotation), Review
 * (the server's existing backups of that type in Glance, those the rotation will delete marked).
 * One request; then the image (queued, saving, active) and the server's task state until both
 * settle and the rotation has run; then the image is shown in the images screen.
 */

type Step = 'server' | 'details' | 'review';
type Phase = 'edit' | 'confirm' | 'sending' | 'refused' | 'unknown' | 'progress' | 'done' | 'failed';

interface BackupState extends ImageRequestFields {
  server?: Server;
  draft: BackupDraft;
  /** The user typed a name: a new server pick does not replace it with the default. */
  nameEdited: boolean;
  step: Step;
  field: number;
  cursors: Record<BackupTextKey, number>;
  serverList: ListState;
  visited: Step[];
  reviewTop: number;
  phase: Phase;
}

const STEP_TITLES: Record<Step, string> = { server: 'Server', details: 'Details', review: 'Review' };

export function BackupForm(props: FormHostProps & { server?: Server }): React.JSX.Element {
  const { managers } = props;
  const now = props.now ?? (() => new Date());
  const steps: Step[] = props.server ? ['details', 'review'] : ['server', 'details', 'review'];
  const form = useForm<BackupState, typeof props>(props, () => {
    const draft = newBackupDraft(props.server?.name ?? 'server', now());
    return {
      server: props.server,
      draft,
      nameEdited: false,
      step: steps[0]!,
      field: 0,
      cursors: { name: draft.name.length, customType: 0, rotation: draft.rotation.length },
      serverList: { cursor: 0, filter: '' },
      visited: [],
      reviewTop: 0,
      phase: 'edit',
      check: { kind: 'none' },
    };
  });
  const { state, get, update, width, bodyHeight, close } = form;

  const servers = useAsync<Server[]>(() => (props.server ? Promise.resolve([]) : managers.servers.list()), [managers, props.server]);
  const serverId = state.server?.id;
  const type = backupTypeOf(state.draft);
  const wantBackups = !!serverId && !!type && state.step === 'review';
  const backups = useAsync<Image[] | undefined>(
    () => (wantBackups && serverId ? managers.images.backupsOf(serverId, type) : Promise.resolve(undefined)),
    [managers, serverId, type, wantBackups],
  );
  const cloudName = managers.session.config.cloudName;

  const errors = useMemo(() => validateBackup(state.draft), [state.draft]);
  const serverRows = (s: BackupState) => filterRows(servers.data ?? [], s.serverList.filter, (x) => `${x.name} ${x.id} ${x.status}`);
  const serverRef = (s: Server) => (servers.data?.length ? refFor(servers.data, s.id) : s.id);

  const moveStep = (delta: number) =>
    update((x) => {
      const i = steps.indexOf(x.step);
      const next = steps[Math.max(0, Math.min(steps.length - 1, i + delta))]!;
      if (next === x.step) return x;
      return {
        ...x,
        step: next,
        field: 0,
        reviewTop: 0,
        visited: x.visited.includes(x.step) ? x.visited : [...x.visited, x.step],
        message: undefined,
      };
    });

  const submit = (): void => {
    const s = get();
    const rotation = parseRotation(s.draft.rotation);
    const server = s.server;
    if (!server || validateBackup(s.draft).length || !rotation.ok) return;
    if (form.refuseReadOnly()) return update((x) => ({ ...x, phase: 'edit' }));
    request.send(s.draft.name, () => managers.servers.backup(server.id, s.draft.name, backupTypeOf(s.draft), rotation.value));
  };
  const request = useImageRequest(form, managers, () => ({ server: get().server, name: get().draft.name }), submit);

  // Progress: image + server task state, then the rotation; then the images screen.
  useFollow(
    state.phase === 'progress' && state.server ? state.server.id : '',
    (signal) => {
      const s = get();
      const rotation = parseRotation(s.draft.rotation);
      return watchImage(managers, s.server!.id, s.imageId, (w) => update((x) => ({ ...x, watch: w })), {
        intervalMs: props.pollIntervalMs,
        signal,
        backup: { type: backupTypeOf(s.draft), rotation: rotation.ok ? rotation.value : 0 },
      });
    },
    (w) => {
      if (w.phase === 'failed') return update((x) => ({ ...x, phase: 'failed', watch: w }));
      if (w.imageId && !w.imageGone) return close({ kind: 'image', imageId: w.imageId });
      update((x) => ({ ...x, phase: 'done', watch: w }));
    },
  );

  const pickServer = (srv: Server) =>
    update((x) => {
      const name = x.nameEdited ? x.draft.name : defaultBackupName(srv.name, now());
      return { ...x, server: srv, draft: { ...x.draft, name }, cursors: { ...x.cursors, name: name.length } };
    });

  useFormKeys(
    (input, key) => {
      const s = get();
      const ret = key.return;
      if (request.keys(input, key) || s.phase === 'confirm') return;
      if (s.phase === 'done') {
        if (ret || key.escape) close({ kind: 'cancelled' });
        return;
      }
      if (key.ctrl && input === 'r') {
        servers.reload();
        backups.reload();
        return;
      }
      if (key.tab) return moveStep(key.shift ? -1 : 1);

      if (s.step === 'server') {
        const r = pickKey(s.serverList, serverRows(s), input, key, bodyHeight - 4, true);
        if (r.kind === 'cancel') return close({ kind: 'cancelled' });
        if (r.kind === 'state') return update((x) => ({ ...x, serverList: r.state }));
        if (r.kind === 'pick') {
          pickServer(r.row);
          moveStep(1);
        }
        return;
      }

      if (s.step === 'details') {
        const fields = fieldsOf(s.draft);
        const f = fields[Math.min(s.field, fields.length - 1)]!;
        if (key.escape) return close({ kind: 'cancelled' });
        const to = fieldKey(s.field, fields.length, key);
        if (to === 'next') return moveStep(1);
        if (to !== undefined) return update((x) => ({ ...x, field: to }));
        if (f === 'type') {
          if (key.leftArrow || key.rightArrow || input === ' ') {
            const i = BACKUP_TYPES.indexOf(s.draft.typeChoice);
            const next = BACKUP_TYPES[(i + (key.leftArrow ? BACKUP_TYPES.length - 1 : 1)) % BACKUP_TYPES.length]!;
            update((x) => ({ ...x, draft: { ...x.draft, typeChoice: next } }));
          }
          return;
        }
        const next = editDraftField(s, f, input, key);
        if (next) update(() => ({ ...next, nameEdited: next.nameEdited || f === 'name', message: undefined }));
        return;
      }

      // review
      if (key.escape) return close({ kind: 'cancelled' });
      if (input === 'y' && s.server) return form.copyCommand(backupCommandLine(serverRef(s.server), s.draft, cloudName));
      const by = scrollKey(key, bodyHeight - 2);
      if (by) return update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
      if (!ret) return;
      if (!s.server)
        return update((x) => ({ ...x, step: 'server', message: { text: 'Nothing was sent: pick the server to back up.', tone: 'error' } }));
      if (errors.length) {
        const first = errors[0]!;
        const fi = fieldsOf(s.draft).indexOf(first.field === 'type' ? 'customType' : (first.field as BackupFieldKey));
        return update((x) => ({
          ...x,
          step: 'details',
          field: Math.max(0, fi),
          visited: [...new Set([...x.visited, 'details' as Step])],
          message: { text: `Nothing was sent: ${first.message}`, tone: 'error' },
        }));
      }
      if (backups.loading || (!backups.data && !backups.error))
        return form.say({ text: 'Still listing the existing backups: the rotation preview comes first.', tone: 'info' });
      if (form.refuseReadOnly()) return;
      const rotation = parseRotation(s.draft.rotation);
      const preview = rotationPreview(backups.data ?? [], rotation.ok ? rotation.value : 0);
      if (preview.remove.length || preview.removesNew || backups.error) return update((x) => ({ ...x, phase: 'confirm' }));
      submit();
    },
    {
      loading: !props.server && !servers.data && !servers.error,
      typing: () => {
        const s = get();
        return s.phase === 'edit' && (s.step === 'server' || (s.step === 'details' && fieldsOf(s.draft)[s.field] !== 'type'));
      },
    },
  );

  // ---------------------------------------------------------------------------------------------
  const s = state;
  const title = `Back up ${s.server ? `server ${s.server.name}` : 'a server'}`;
  const rotationParsed = parseRotation(s.draft.rotation);
  const rotation = rotationParsed.ok ? rotationParsed.value : 0;
  const preview = rotationPreview(backups.data ?? [], rotation);

  if (s.phase === 'confirm' && s.server) {
    return (
      <ConfirmDialog
        title={`Back up ${s.server.name} and rotate?`}
        message={rotationQuestion(s.server.name, type, rotation, preview, backups.error)}
        confirmLabel="back up"
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
        sending={`Sending one createBackup request for ${s.server?.name}…`}
        what="the backup request"
        maybe={`the backup '${s.draft.name}' may have been started.`}
      />
    );
  }
  if (s.phase === 'progress' || s.phase === 'done' || s.phase === 'failed') {
    const w = s.watch ?? { phase: 'uploading' as const, imageId: s.imageId, elapsedMs: 0 };
    const hints =
      s.phase === 'progress'
        ? 'Following the backup; Esc close (it goes on)'
        : s.phase === 'failed'
          ? 'Enter/e back to the form (values kept)   Esc close'
          : 'Enter close';
    const message =
      s.phase === 'done'
        ? {
            text: rotation === 0 ? `Done: rotation 0 deleted every ${type} backup of ${s.server?.name}, the new one too.` : 'Done.',
            tone: 'success' as const,
          }
        : s.phase === 'failed'
          ? { text: 'The backup failed.', tone: 'error' as const }
          : { text: `createBackup accepted${s.imageId ? `: image ${s.imageId}` : ''}.`, tone: 'info' as const };
    return (
      <FormFrame title={title} width={width} hints={hints} message={message}>
        <ImageProgress st={w} label={`backup '${s.draft.name}' (${type}, rotation ${rotation})`} serverName={s.server?.name ?? ''} />
      </FormFrame>
    );
  }

  // ---- edit ----
  const stepStatus = (st: Step): StepStatus => {
    if (st === 'review') return 'todo';
    if (st === 'server') return s.server ? 'ok' : s.visited.includes('server') ? 'error' : 'todo';
    return errors.length ? (s.visited.includes('details') ? 'error' : 'todo') : 'ok';
  };
  const common = {
    title,
    width,
    steps: steps.map((st) => ({ title: STEP_TITLES[st], status: stepStatus(st) })),
    current: steps.indexOf(s.step),
    message: s.message,
  };

  if (s.step === 'server') {
    return (
      <FormFrame {...common} hints={`type to filter  ↑↓ move  Enter pick  ${STEP_KEYS}`}>
        {servers.error ? <ErrorPanel title="Cannot list the servers" error={servers.error} hint="Ctrl-R retry" /> : null}
        {servers.loading && !servers.data ? <ProgressLine text="Listing servers…" active /> : null}
        <PickList<Server>
          columns={[
            { key: 'name', title: 'Name', value: (x) => x.name },
            { key: 'status', title: 'Status', width: 10, value: (x) => x.status },
            { key: 'id', title: 'ID', width: 36, value: (x) => x.id },
          ]}
          rows={serverRows(s)}
          list={s.serverList}
          height={bodyHeight}
          width={width}
          filterable
          picked={(x) => x.id === s.server?.id}
          emptyText={s.serverList.filter ? 'No server matches the filter.' : 'No server.'}
        />
      </FormFrame>
    );
  }

  if (s.step === 'details') return <BackupDetailsStep frame={common} state={s} errors={errors} width={width} />;

  // review
  const lines = s.server
    ? backupReviewLines({
        server: s.server,
        draft: s.draft,
        type,
        errors,
        backups,
        width,
        command: backupCommandLine(serverRef(s.server), s.draft, cloudName),
      })
    : [{ text: '  No server picked yet (Shift-Tab to the Server step).', color: color('red') }];
  return (
    <FormFrame
      {...common}
      hints={`${props.readOnly ? 'read-only: nothing can be sent' : 'Enter back up (one request)'}  y copy command  ↑↓ scroll  ${STEP_KEYS}`}
    >
      <ScrollLines lines={lines} top={s.reviewTop} height={bodyHeight} />
    </FormFrame>
  );
}
