import { UnexpectedAnswerError } from './errors.js';
import type { HttpResponse } from './http.js';

/**
 * Why a 2xx body that should be JSON is not, or undefined when it looks like JSON. Says what it
 * is instead (an HTML page and its title, or the start of the text), never more than a line.
 */
export function notJsonReason(text: string, contentType: string): string | undefined {
  const head = text.slice(0, 2000);
  if (/json/i.test(contentType) || /^\s*[{[]/.test(head)) return undefined;
  const type = contentType ? contentType.split(';')[0]!.trim() : 'no content type';
  if (/<html|<!doctype html|<head|<body/i.test(head)) {
    const title = /<title>([\s\S]*?)<\/title>/i.exec(head)?.[1]?.replace(/\s+/g, ' ').trim();
    return `the body is an HTML page (${type})${title ? ` titled "${title.slice(0, 100)}"` : ''}, not JSON`;
  }
  const start = head.replace(/\s+/g, ' ').trim().slice(0, 80);
  return `the body is not JSON (${type}): "${start}${text.length > 80 ? '…' : ''}"`;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v === '' ? 'an empty body' : 'text';
  return `a ${typeof v}`;
}

export function unexpectedAnswer(res: HttpResponse, detail: string): UnexpectedAnswerError {
  return new UnexpectedAnswerError(res.service, detail, res.status, res.requestId, res.method, res.url);
}

/** The body as an object (`{...}`), or an error naming what came instead. */
export function bodyObject(res: HttpResponse): Record<string, unknown> {
  if (!isRecord(res.body)) throw unexpectedAnswer(res, `the body should be a JSON object, but is ${kindOf(res.body)}`);
  return res.body;
}

/**
 * `body[key]` as an object (`{"server": {...}}`), with an id when `needsId` (resources have one);
 * otherwise an error naming the key and what it held.
 */
export function resourceIn(res: HttpResponse, key: string | undefined, needsId = true): Record<string, unknown> {
  const body = bodyObject(res);
  const value = key === undefined ? body : body[key];
  const where = key === undefined ? 'the body' : `"${key}"`;
  if (!isRecord(value)) throw unexpectedAnswer(res, `${where} should be an object, but is ${kindOf(value)}`);
  if (needsId && typeof value.id !== 'string' && typeof value.id !== 'number') throw unexpectedAnswer(res, `${where} has no id`);
  return value;
}

/** What each item of a list must have: an id (most resources), a name (key pairs), or nothing in particular. */
export type ItemIdentity = 'id' | 'name' | 'none';

/**
 * `body[key]` as a list of objects (`{"servers": [...]}`), each with its identity field (inside
 * `nested` when items are wrapped, as Nova's `{"keypair": {...}}`); otherwise an error naming the
 * key. A missing list is an error, not an empty one.
 */
export function listIn(res: HttpResponse, key: string, identity: ItemIdentity = 'id', nested?: string): Array<Record<string, unknown>> {
  const body = bodyObject(res);
  const value = body[key];
  if (!Array.isArray(value)) throw unexpectedAnswer(res, `"${key}" should be a list, but is ${kindOf(value)}`);
  value.forEach((item, i) => {
    if (!isRecord(item)) throw unexpectedAnswer(res, `item ${i} of "${key}" should be an object, but is ${kindOf(item)}`);
    const inner = nested === undefined ? item : item[nested];
    if (!isRecord(inner))
      throw unexpectedAnswer(res, `item ${i} of "${key}" should hold an object "${nested}", but it is ${kindOf(inner)}`);
    if (identity === 'none') return;
    const v = inner[identity];
    if (typeof v !== 'string' && (identity === 'name' || typeof v !== 'number'))
      throw unexpectedAnswer(res, `item ${i} of "${key}" has no ${identity}`);
  });
  return value as Array<Record<string, unknown>>;
}
