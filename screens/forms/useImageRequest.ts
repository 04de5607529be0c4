import type { Key } from 'ink';
import { useRef } from 'react';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import type { ImageWatchState } from '../../src/forms/watch.js';
import type { Managers } from '../../src/managers/index.js';
import { findMadeImage } from './checks.js';
import { requestKeys, runCheck, sendOnce, type RequestFields } from './request.js';
import type { FormHostProps } from './types.js';
import type { Form } from './useForm.js';

/** What the forms that make an image (snapshot, backup) keep about it. */
export interface ImageRequestFields extends RequestFields {
  step: string;
  imageId?: string;
  watch?: ImageWatchState;
}

export interface ImageRequest {
  /** Sends createImage / createBackup once; the new image goes into the completion cache and is followed. */
  send: (name: string, request: () => Promise<{ imageId?: string }>) => void;
  /**
   * The keys of the request's phases (sending, refused, unknown) and of following the image
   * (progress: Esc closes, it goes on; failed: Enter / e back to the form); false in other phases.
   */
  keys: (input: string, key: Key) => boolean;
}

/**
 * The one request of the snapshot and backup forms: `made` names the server and the image to look
 * for when the answer is lost; `submit` sends again once that check found nothing.
 */
export function useImageRequest<S extends ImageRequestFields>(
  form: Form<S, FormHostProps>,
  managers: Managers,
  made: () => { server?: { id: string; name: string }; name: string },
  submit: () => void,
): ImageRequest {
  const guard = useRef(new SubmitOnce<{ imageId?: string }>());
  const follow = (imageId: string | undefined) =>
    form.update((x) => ({ ...x, phase: 'progress', imageId, watch: { phase: 'uploading', imageId, elapsedMs: 0 } }));
  /** Back to the Review step with the values kept (and the guard re-armed for one new attempt). */
  const backToForm = (text: string) => {
    guard.current.rearm();
    form.update((x) => ({
      ...x,
      phase: 'edit',
      step: 'review',
      error: undefined,
      watch: undefined,
      check: { kind: 'none' },
      message: { text, tone: 'info' },
    }));
  };
  const check = () => {
    const { server, name } = made();
    if (server) void runCheck(form, () => findMadeImage(managers, server, name));
  };
  return {
    send: (name, request) =>
      void sendOnce(form, guard.current, request, ({ imageId }) => {
        if (imageId) managers.cache.add('image', [{ id: imageId, name }]);
        follow(imageId);
      }),
    keys: (input, key) => {
      const s = form.get();
      const close = () => form.close({ kind: 'cancelled' });
      if (s.phase === 'progress' || s.phase === 'failed') {
        if (s.phase === 'failed' && (key.return || input === 'e')) backToForm('Your values are kept.');
        else if (key.escape) close();
        return true;
      }
      const resend = () => {
        guard.current.rearm();
        submit();
      };
      const back = (after: 'refused' | 'absent') =>
        backToForm(after === 'refused' ? 'Your values are kept: change what the error names and submit again.' : 'Your values are kept.');
      return requestKeys(s, input, key, { back, follow: () => follow(s.imageId), resend, check, close });
    },
  };
}
