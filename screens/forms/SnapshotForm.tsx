import { useStdout } from 'ink';
import React, { useEffect, useMemo, useRef } from 'react';
import { parseMetadataText } from '../../src/forms/metadata.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { newSnapshotDraft, snapshotCommandLine, validateSnapshot, type SnapshotDraft } from '../../src/forms/snapshotDraft.js';
import { watchImage, type ImageWatchState } from '../../src/forms/watch.js';
import type { Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { color } from '../theme.js';
import { ProgressLine } from '../widgets/ProgressLine.js';
import { copyToTerminal } from './clipboard.js';
import { FormFrame, TextField, type StepStatus } from './fields.js';
import { ScrollLines, wrapText, type FormLine } from './lines.js';
import { RefusedView, UnknownView, unknownHints, type CheckState } from './outcome.js';
import { ImageProgress } from './progressViews.js';
import { useFormKeys, useMounted, useStore } from './store.js';
import { editText } from './textEdit.js';
import type { FormHostProps } from './types.js';

/**
 * The snapshot form (createImage): Details (name, metadata), Review; one request; then the image
 * (queued, saving, active) and the server's task state until both settle; then the images screen.
 */

type Step = 'details' | 'review';
type Phase = 'edit' | 'sending' | 'refused' | 'unknown' | 'progress' | 'failed';
type TextKey = 'name' | 'metadataText';
const FIELDS: TextKey[] = ['name', 'metadataText'];
const STEPS: Step[] = ['details', 'review'];

interface SnapshotState {
  draft: SnapshotDraft;
  step: Step;
  field: number;
  cursors: Record<TextKey, number>;
  visited: boolean;
  reviewTop: number;
  message?: { text: string; tone?: 'info' | 'error' | 'success' };
  phase: Phase;
  error?: unknown;
  check: CheckState;
  imageId?: string;
  watch?: ImageWatchState;
}

export function SnapshotForm(props: FormHostProps & { server: Server }): React.JSX.Element {
  const { managers, server } = props;
  const { state, get, update } = useStore<SnapshotState>(() => {
    const draft = newSnapshotDraft(server.name, (props.now ?? (() => new Date()))());
    return { draft, step: 'details', field: 0, cursors: { name: draft.name.length, metadataText: 0 }, visited: false, reviewTop: 0, phase: 'edit', check: { kind: 'none' } };
  });
  const guard = useRef(new SubmitOnce<{ imageId?: string }>());
  const mounted = useMounted();
  const propsRef = useRef(props);
  propsRef.current = props;
  const { stdout } = useStdout();
  const cloudName = managers.session.config.cloudName;
  const errors = useMemo(() => validateSnapshot(state.draft), [state.draft]);
  const width = Math.max(40, props.width);
  const bodyHeight = Math.max(6, props.height - 6);

  const follow = (imageId: string | undefined) => update((x) => ({ ...x, phase: 'progress', imageId, watch: { phase: 'uploading', imageId, elapsedMs: 0 } }));

  const submit = async (): Promise<void> => {
    const s = get();
    if (s.phase !== 'edit' || guard.current.phase !== 'idle') return;
    const errs = validateSnapshot(s.draft);
    if (errs.length) {
      const first = errs[0]!;
      update((x) => ({ ...x, step: 'details', field: Math.max(0, FIELDS.indexOf(first.field === 'metadata' ? 'metadataText' : 'name')), visited: true, message: { text: `Nothing was sent: ${first.message}`, tone: 'error' } }));
      return;
    }
    if (propsRef.current.readOnly) {
      update((x) => ({ ...x, message: { text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' } }));
      return;
    }
    const meta = parseMetadataText(s.draft.metadataText);
    update((x) => ({ ...x, phase: 'sending', message: undefined }));
    const r = await guard.current.submit(() => managers.servers.createImage(server.id, s.draft.name, meta.ok ? meta.metadata : undefined));
    if (!mounted.current) return;
    if (r.kind === 'sent') {
      if (r.value.imageId) managers.cache.add('image', [{ id: r.value.imageId, name: s.draft.name }]);
      follow(r.value.imageId);
    } else if (r.kind === 'refused') update((x) => ({ ...x, phase: 'refused', error: r.error }));
    else if (r.kind === 'unknown') update((x) => ({ ...x, phase: 'unknown', error: r.error, check: { kind: 'none' } }));
  };

  const watching = state.phase === 'progress';
  useEffect(() => {
    if (!watching) return;
    const ac = new AbortController();
    watchImage(managers, server.id, get().imageId, (w) => update((x) => ({ ...x, watch: w })), { intervalMs: props.pollIntervalMs, signal: ac.signal }).then(
      (w) => {
        if (ac.signal.aborted || !mounted.current) return;
        if (w.phase === 'failed' || !w.imageId) return update((x) => ({ ...x, phase: 'failed', watch: w }));
        propsRef.current.onClose({ kind: 'image', imageId: w.imageId });
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [watching, managers, server.id, get, update, props.pollIntervalMs, mounted]);

  const check = async () => {
    const name = get().draft.name;
    update((x) => ({ ...x, check: { kind: 'checking' } }));
    try {
      const found = (await managers.images.list({ name })).filter((i) => i.instanceUuid === server.id);
      if (!mounted.current) return;
      update((x) => ({
        ...x,
        imageId: found[0]?.id,
        check: found.length
          ? { kind: 'found', text: `It was made: image ${found[0]!.id} '${name}' is ${found[0]!.status}.` }
          : { kind: 'absent', text: `No image named '${name}' of ${server.name} exists: nothing was made.` },
      }));
    } catch (err) {
      if (mounted.current) update((x) => ({ ...x, check: { kind: 'failed', text: `The check failed too: ${describeError(err)}` } }));
    }
  };

  const backToForm = (text: string) => {
    guard.current.rearm();
    update((x) => ({ ...x, phase: 'edit', step: 'review', error: undefined, watch: undefined, check: { kind: 'none' }, message: { text, tone: 'info' } }));
  };

  const moveStep = (delta: number) =>
    update((x) => {
      const next = STEPS[Math.max(0, Math.min(STEPS.length - 1, STEPS.indexOf(x.step) + delta))]!;
      return next === x.step ? x : { ...x, step: next, field: 0, reviewTop: 0, visited: true, message: undefined };
    });

  useFormKeys((input, key) => {
    const s = get();
    const ret = key.return;
    switch (s.phase) {
      case 'sending':
        return;
      case 'refused':
      case 'failed':
        if (ret || input === 'e') backToForm('Your values are kept: change them and submit again.');
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'unknown':
        if (s.check.kind === 'found' && ret) follow(s.imageId);
        else if (s.check.kind === 'absent' && input === 'r') {
          guard.current.rearm();
          update((x) => ({ ...x, phase: 'edit' }));
          void submit();
        } else if (s.check.kind === 'absent' && input === 'e') backToForm('Your values are kept.');
        else if (input === 'c' && s.check.kind !== 'checking') void check();
        else if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'progress':
        if (key.escape) propsRef.current.onClose({ kind: 'cancelled' });
        return;
      case 'edit':
        break;
    }
    if (key.tab) return moveStep(key.shift ? -1 : 1);
    if (key.escape) return propsRef.current.onClose({ kind: 'cancelled' });
    if (s.step === 'details') {
      if (key.upArrow) return update((x) => ({ ...x, field: Math.max(0, x.field - 1) }));
      if (key.downArrow) return update((x) => ({ ...x, field: Math.min(FIELDS.length - 1, x.field + 1) }));
      if (ret) return s.field < FIELDS.length - 1 ? update((x) => ({ ...x, field: x.field + 1 })) : moveStep(1);
      const f = FIELDS[s.field]!;
      const next = editText({ value: s.draft[f], cursor: s.cursors[f] }, input, key);
      if (next) update((x) => ({ ...x, draft: { ...x.draft, [f]: next.value }, cursors: { ...x.cursors, [f]: next.cursor }, message: undefined }));
      return;
    }
    if (ret) return void submit();
    if (input === 'y') {
      const ok = copyToTerminal(stdout as NodeJS.WriteStream, snapshotCommandLine(server.id, s.draft, cloudName));
      return update((x) => ({ ...x, message: { text: ok ? 'Command copied to the terminal clipboard (OSC 52).' : 'Select the command with the mouse.', tone: 'success' } }));
    }
    const by = key.downArrow ? 1 : key.upArrow ? -1 : 0;
    if (by) update((x) => ({ ...x, reviewTop: Math.max(0, x.reviewTop + by) }));
  });

  const s = state;
  const title = `Snapshot server ${server.name}`;
  if (s.phase === 'sending') {
    return (
      <FormFrame title={title} width={width} hints="One request is in flight; keys are ignored until it is answered.">
        <ProgressLine text={`Sending one createImage request for ${server.name}…`} active />
      </FormFrame>
    );
  }
  if (s.phase === 'refused') {
    return (
      <FormFrame title={title} width={width} hints="Enter/e back to the form (values kept)   Esc close">
        <RefusedView what="The snapshot request" error={s.error} />
      </FormFrame>
    );
  }
  if (s.phase === 'unknown') {
    return (
      <FormFrame title={title} width={width} hints={unknownHints(s.check)}>
        <UnknownView what="the snapshot request" maybe={`the snapshot '${s.draft.name}' may have been started.`} error={s.error} check={s.check} />
      </FormFrame>
    );
  }
  if (s.phase === 'progress' || s.phase === 'failed') {
    const w = s.watch ?? { phase: 'uploading' as const, imageId: s.imageId, elapsedMs: 0 };
    return (
      <FormFrame
        title={title}
        width={width}
        hints={s.phase === 'failed' ? 'Enter/e back to the form (values kept)   Esc close' : 'Following the snapshot; Esc close (it goes on)'}
        message={s.phase === 'failed' ? { text: 'The snapshot failed.', tone: 'error' } : { text: `createImage accepted${s.imageId ? `: image ${s.imageId}` : ''}.` }}
      >
        <ImageProgress st={w} label={`snapshot '${s.draft.name}'`} serverName={server.name} />
      </FormFrame>
    );
  }

  const status: StepStatus = errors.length ? (s.visited ? 'error' : 'todo') : 'ok';
  const common = { title, width, steps: [{ title: 'Details', status }, { title: 'Review', status: 'todo' as StepStatus }], current: STEPS.indexOf(s.step), message: s.message };
  const nav = 'Tab next step  Shift-Tab back  Esc cancel';
  if (s.step === 'details') {
    return (
      <FormFrame {...common} hints={`↑↓ field  Enter next  ${nav}`}>
        <TextField label="Name" state={{ value: s.draft.name, cursor: s.cursors.name }} focused={s.field === 0} width={width} error={errors.find((e) => e.field === 'name')?.message} />
        <TextField
          label="Metadata"
          state={{ value: s.draft.metadataText, cursor: s.cursors.metadataText }}
          focused={s.field === 1}
          width={width}
          placeholder='key=value pairs, e.g. purpose=before-upgrade "note=two words"'
          error={errors.find((e) => e.field === 'metadata')?.message}
        />
      </FormFrame>
    );
  }
  const meta = parseMetadataText(s.draft.metadataText);
  const lines: FormLine[] = [
    { text: `  POST /servers/${server.id}/action createImage:`, bold: true },
    { text: `  name                ${s.draft.name}` },
    { text: `  metadata            ${meta.ok ? (Object.keys(meta.metadata).length ? Object.entries(meta.metadata).map(([k, v]) => `${k}=${v}`).join(' ') : '(none)') : s.draft.metadataText}` },
  ];
  for (const e of errors) for (const w of wrapText(e.message, width - 4)) lines.push({ text: `  ${w}`, color: color('red') });
  lines.push({ text: '' });
  for (const w of wrapText(`Glance gets a new private image (image_type=snapshot, instance_uuid=${server.id}); it goes queued -> saving -> active.`, width - 4)) lines.push({ text: `  ${w}`, dim: true });
  lines.push({ text: '' }, { text: '  Equivalent command (y copies it to the terminal clipboard):', dim: true });
  for (const w of wrapText(snapshotCommandLine(server.id, s.draft, cloudName), width - 2)) lines.push({ text: w, color: color('cyan') });
  return (
    <FormFrame {...common} hints={`${props.readOnly ? 'read-only: nothing can be sent' : 'Enter snapshot (one request)'}  y copy command  ${nav}`}>
      <ScrollLines lines={lines} top={s.reviewTop} height={bodyHeight} />
    </FormFrame>
  );
}
