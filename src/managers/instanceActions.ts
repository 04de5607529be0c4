import { FieldError } from './fieldError.js';
import type { InstanceAction } from './types.js';

/** One event of an instance action (compute_stop_instance, ...). */
export interface InstanceActionEvent {
  event: string;
  startTime: string;
  finishTime?: string | null;
  /** Success, Error, or null while running. */
  result?: string | null;
  /** Admins only (from 2.51 the others see the events without it). */
  traceback?: string | null;
  /** The compute host: admins only, from 2.62. */
  host?: string;
  /** An obfuscated host id, from 2.62. */
  hostId?: string;
  /** The error's details (2.84). */
  details?: string | null;
}

/** One instance action with its events. `events` is undefined when the cloud does not show them (non-admins before 2.51). */
export interface InstanceActionDetail extends InstanceAction {
  instanceUuid?: string;
  events?: InstanceActionEvent[];
  raw: Record<string, unknown>;
}

export function checkRequestId(requestId: string): void {
  if (!requestId.trim()) throw new FieldError('requestId', "is required (req-... from the list of the server's actions).", 'A request ID');
}

export function toInstanceAction(a: Record<string, unknown>): InstanceAction {
  return {
    action: String(a.action),
    requestId: String(a.request_id),
    userId: a.user_id as string | undefined,
    projectId: a.project_id as string | undefined,
    startTime: String(a.start_time),
    updatedAt: a.updated_at as string | null | undefined,
    message: a.message as string | null | undefined,
  };
}

function toEvent(e: Record<string, unknown>): InstanceActionEvent {
  const out: InstanceActionEvent = {
    event: String(e.event),
    startTime: String(e.start_time),
    finishTime: e.finish_time as string | null | undefined,
    result: e.result as string | null | undefined,
  };
  if ('traceback' in e) out.traceback = e.traceback as string | null;
  if (typeof e.host === 'string') out.host = e.host;
  if (typeof e.hostId === 'string') out.hostId = e.hostId;
  if ('details' in e) out.details = e.details as string | null;
  return out;
}

/** GET /servers/{id}/os-instance-actions/{request_id}'s `instanceAction`. */
export function toInstanceActionDetail(raw: Record<string, unknown>): InstanceActionDetail {
  const events = Array.isArray(raw.events) ? (raw.events as Array<Record<string, unknown>>).map(toEvent) : undefined;
  return { ...toInstanceAction(raw), instanceUuid: raw.instance_uuid as string | undefined, events, raw };
}
