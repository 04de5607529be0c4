import React, { useMemo } from 'react';
import { parseMetadataText } from '../../src/forms/metadata.js';
import { newSnapshotDraft, snapshotCommandLine, validateSnapshot, type SnapshotDraft } from '../../src/forms/snapshotDraft.js';
import { watchImage } from '../../src/forms/watch.js';
import type { Server } from '../../src/managers/types.js';
import { color } from '../theme.js';
import { FormFrame, MetadataField, STEP_KEYS, TextField, type StepStatus } from './fields.js';
import { commandLines, reviewLine, ScrollLines, scrollKey, wrappedLines, type FormLine } from './lines.js';
import { inRequest, RequestView } from './outcome.js';
import { ImageProgress } from './progressViews.js';
import { useFormKeys } from './store.js';
import { editDraftField, fieldKey, textOf } from './textEdit.js';
import type { FormHostProps } from './types.js';
import { useFollow, useForm } from './useForm.js';
import { useImageRequest, type ImageRequestFields } from './useImageRequest.js';

/**
 * The snapshot form (createImage): Details (name, metadata), Review; one request; then the image
 * (queued, saving, active) and the server's task state until both settle; then the images screen.
 */

type Step = 'details' | 'review';
type Phase = 'edit' | 'sending' | 'refused' | 'unknown' | 'progress' | 'failed';
type TextKey = 'name' | 'metadataText';
const FIELDS: TextKey[] = ['name', 'metadataText'];

interface SnapshotState extends ImageRequestFields {
  draft: SnapshotDraft;
  step: Step;
  field: number;
  cursors: Record<TextKey, number>;
  visited: boolean;
  reviewTop: number;
  phase: Phase;
}

export function SnapshotForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers, server } = props;
  const form = useForm<SnapshotState, typeof props>(props, () => {
    const draft = newSnapshotDraft(server.name, (props.now ?? (() => new Date()))());
    return {
      draft,
      step: 'details',
      field: 0,
      cursors: { name: draft.name.length, metadataText: 0 },
      visited: false,
      reviewTop: 0,
      phase: 'edit',
      check: { kind: 'none' },
    };
  });
  const { state, get, update, width, bodyHeight, close } = form;
  const cloudName = managers.session.config.cloudName;
  const errors = useMemo(() => validateSnapshot(state.draft), [state.draft]);

  const submit = (): void => {
    const s = get();
    const first = validateSnapshot(s.draft)[0];
    if (first) {
      update((x) => ({
        ...x,
        step: 'details',
        field: Math.max(0, FIELDS.indexOf(first.field === 'metadata' ? 'metadataText' : 'name')),
        visited: true,
        message: { text: `Nothing was sent: ${first.message}`, tone: 'error' },
      }));
      return;
    }
    if (form.refuseReadOnly()) return;
    const meta = parseMetadataText(s.draft.metadataText);
    request.send(s.draft.name, () => managers.servers.createImage(server.id, s.draft.name, meta.ok ? meta.metadata : undefined));
  };
  const request = useImageRequest(form, managers, () => ({ server, name: get().draft.name }), submit);

  useFollow(
    state.phase === 'progress' ? server.id : '',
    (signal) =>
      watchImage(managers, server.id, get().imageId, (w) => update((x) => ({ ...x, watch: w })), {
        intervalMs: props.pollIntervalMs,
        signal,
      }),
    (w) => {
      if (w.phase === 'failed' || !w.imageId) return update((x) => ({ ...x, phase: 'failed', watch: w }));
      close({ kind: 'image', imageId: w.imageId });
    },
  );

  const moveStep = (step: Step) =>
    update((x) => (x.step === step ? x : { ...x, step, field: 0, reviewTop: 0, visited: true, message: undefined }));

  useFormKeys(
    (input, key) => {
      const s = get();
      if (request.keys(input, key)) return;
      if (key.tab) return moveStep(key.shift ? 'details' : 'review');
      if (key.escape) return close({ kind: 'cancelled' });
      if (s.step === 'details') {
        const to = fieldKey(s.field, FIELDS.length, key);
        if (to === 'next') return moveStep('review');
        if (to !== undefined) return update((x) => ({ ...x, field: to }));
        const next = editDraftField(s, FIELDS[s.field]!, input, key);
        if (next) update(() => ({ ...next, message: undefined }));
        return;
      }
      if (key.return) return submit();
      if (input === 'y') return form.copyCommand(snapshotCommandLine(server.id, s.draft, cloudName));
      const by = scrollKey(key, bodyHeight - 2);
      if (by) update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
    },
    { typing: () => get().phase === 'edit' && get().step === 'details' },
  );

  const s = state;
  const title = `Snapshot server ${server.name}`;
  if (inRequest(s)) {
    return (
      <RequestView
        title={title}
        width={width}
        request={s}
        sending={`Sending one createImage request for ${server.name}…`}
        what="the snapshot request"
        maybe={`the snapshot '${s.draft.name}' may have been started.`}
      />
    );
  }
  if (s.phase === 'progress' || s.phase === 'failed') {
    const w = s.watch ?? { phase: 'uploading' as const, imageId: s.imageId, elapsedMs: 0 };
    return (
      <FormFrame
        title={title}
        width={width}
        hints={
          s.phase === 'failed' ? 'Enter/e back to the form (values kept)   Esc close' : 'Following the snapshot; Esc close (it goes on)'
        }
        message={
          s.phase === 'failed'
            ? { text: 'The snapshot failed.', tone: 'error' }
            : { text: `createImage accepted${s.imageId ? `: image ${s.imageId}` : ''}.` }
        }
      >
        <ImageProgress st={w} label={`snapshot '${s.draft.name}'`} serverName={server.name} />
      </FormFrame>
    );
  }

  const status: StepStatus = errors.length ? (s.visited ? 'error' : 'todo') : 'ok';
  const common = {
    title,
    width,
    steps: [
      { title: 'Details', status },
      { title: 'Review', status: 'todo' as StepStatus },
    ],
    current: s.step === 'details' ? 0 : 1,
    message: s.message,
  };
  if (s.step === 'details') {
    return (
      <FormFrame {...common} hints={`↑↓ field  Enter next  ${STEP_KEYS}`}>
        <TextField
          label="Name"
          state={textOf(s, 'name')}
          focused={s.field === 0}
          width={width}
          error={errors.find((e) => e.field === 'name')?.message}
        />
        <MetadataField
          state={textOf(s, 'metadataText')}
          focused={s.field === 1}
          width={width}
          example="purpose=before-upgrade"
          error={errors.find((e) => e.field === 'metadata')?.message}
        />
      </FormFrame>
    );
  }
  const meta = parseMetadataText(s.draft.metadataText);
  const lines: FormLine[] = [
    { text: `  POST /servers/${server.id}/action createImage:`, bold: true },
    reviewLine('name', s.draft.name),
    reviewLine(
      'metadata',
      meta.ok
        ? Object.keys(meta.metadata).length
          ? Object.entries(meta.metadata)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')
          : '(none)'
        : s.draft.metadataText,
    ),
    ...errors.flatMap((e) => wrappedLines(e.message, width, { color: color('red') })),
    { text: '' },
    ...wrappedLines(
      `Glance gets a new private image (image_type=snapshot, instance_uuid=${server.id}); it goes queued -> saving -> active.`,
      width,
      { dim: true },
    ),
    ...commandLines(snapshotCommandLine(server.id, s.draft, cloudName), width),
  ];
  return (
    <FormFrame
      {...common}
      hints={`${props.readOnly ? 'read-only: nothing can be sent' : 'Enter snapshot (one request)'}  y copy command  ${STEP_KEYS}`}
    >
      <ScrollLines lines={lines} top={s.reviewTop} height={bodyHeight} />
    </FormFrame>
  );
}
