import React from 'react';
import type { ServerFeed } from '../../src/app/serverFeed.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { ActionForm } from '../resources/ActionForm.js';
import { BackupForm, BootForm, RebuildForm, ResizeForm, SnapshotForm, type FormOutcome } from '../forms/index.js';
import type { ServerAction } from '../servers/serverActions.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { ActionMenu } from './ActionMenu.js';
import { HelpOverlay } from './HelpOverlay.js';
import type { Overlay } from './overlay.js';
import { Picker } from './Picker.js';

/** The overlays that take the body's place: help, the actions menu, a confirmation, a picker, a form. */
export function isCovering(overlay: Overlay | null): boolean {
  return !!overlay && ['help', 'menu', 'confirm', 'picker', 'form', 'action-form'].includes(overlay.kind);
}

export interface CoverProps {
  overlay: Overlay;
  managers: Managers;
  feed: ServerFeed;
  readOnly: boolean;
  width: number;
  height: number;
  /** The current screen's title, for the help. */
  title: string;
  formPollMs?: number;
  close: () => void;
  onCancelled: () => void;
  chooseAction: (action: ServerAction, server: Server) => void;
  /** What this cloud's extension files add to the prompt, for the help. */
  declared?: string[];
  onFormClose: (outcome: FormOutcome) => void;
}

export function Cover(props: CoverProps): React.JSX.Element | null {
  const { overlay: o, width, height } = props;
  switch (o.kind) {
    case 'help':
      return <HelpOverlay title={props.title} width={width} height={height} onClose={props.close} declared={props.declared} />;
    case 'menu': {
      const server = props.feed.get(o.server.id) ?? o.server;
      return <ActionMenu server={server} height={height} onSelect={(a) => props.chooseAction(a, server)} onCancel={props.close} />;
    }
    case 'confirm':
      return (
        <ConfirmDialog
          title={o.title}
          message={o.message}
          confirmLabel={o.label}
          destructive={o.danger}
          onConfirm={() => {
            props.close();
            o.onConfirm();
          }}
          onCancel={props.onCancelled}
        />
      );
    case 'picker':
      return <Picker title={o.title} items={o.items} error={o.error} height={height} onSelect={o.onSelect} onCancel={props.close} />;
    case 'form': {
      const formProps = {
        managers: props.managers,
        readOnly: props.readOnly,
        width,
        height,
        onClose: props.onFormClose,
        pollIntervalMs: props.formPollMs,
      };
      const s = o.server;
      if (o.form === 'boot') return <BootForm {...formProps} />;
      if (o.form === 'backup') return <BackupForm {...formProps} server={s} />;
      if (!s) return null;
      if (o.form === 'snapshot') return <SnapshotForm {...formProps} server={s} />;
      if (o.form === 'resize') return <ResizeForm {...formProps} server={s} />;
      return <RebuildForm {...formProps} server={s} />;
    }
    case 'action-form':
      return (
        <ActionForm
          action={o.action.declared!}
          server={o.server}
          width={width}
          height={height}
          onSubmit={o.onSubmit}
          onCancel={props.onCancelled}
        />
      );
    default:
      return null;
  }
}
