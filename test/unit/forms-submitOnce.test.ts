import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { poll } from '../../src/operations/follow.js';
import { classifySubmitError, SubmitOnce } from '../../src/forms/submitOnce.js';
import { ApiError, ConnectionError, UsageError } from '../../src/session/errors.js';

describe('forms: submit-once guard', () => {
  it('runs one request however many times submit is called while it is in flight', async () => {
    const guard = new SubmitOnce<string>();
    let calls = 0;
    let release!: (v: string) => void;
    const send = () => {
      calls++;
      return new Promise<string>((r) => (release = r));
    };
    const first = guard.submit(send);
    // Same tick, as a double Enter within one render would.
    const second = await guard.submit(send);
    assert.deepEqual(second, { kind: 'ignored', phase: 'sending' });
    release('id-1');
    assert.deepEqual(await first, { kind: 'sent', value: 'id-1' });
    assert.deepEqual(await guard.submit(send), { kind: 'ignored', phase: 'sent' });
    assert.equal(calls, 1);
    assert.equal(guard.attempts, 1);
  });
  it('enters sending synchronously', () => {
    const phases: string[] = [];
    const guard = new SubmitOnce((p) => phases.push(p));
    void guard.submit(() => new Promise(() => {}));
    assert.equal(guard.phase, 'sending');
    assert.deepEqual(phases, ['sending']);
  });
  it('a refusal stays refused until the user re-arms it; never while sending', async () => {
    const guard = new SubmitOnce();
    const r = await guard.submit(() => Promise.reject(new ApiError('Quota exceeded', 403, 'forbidden', 'req-1', 'POST', '/servers')));
    assert.equal(r.kind, 'refused');
    assert.equal((await guard.submit(async () => 1)).kind, 'ignored');
    assert.equal(guard.rearm(), true);
    assert.equal((await guard.submit(async () => 1)).kind, 'sent');
    const g2 = new SubmitOnce();
    void g2.submit(() => new Promise(() => {}));
    assert.equal(g2.rearm(), false);
  });
  it('a lost answer is unknown: it may have been created', async () => {
    const guard = new SubmitOnce();
    const r = await guard.submit(() => Promise.reject(new ConnectionError('Cannot reach http://x: timed out', 'http://x', 'ETIMEDOUT')));
    assert.equal(r.kind, 'unknown');
    assert.equal(guard.phase, 'unknown');
  });
  it('classifies errors: answered = refused, lost = unknown', () => {
    assert.equal(classifySubmitError(new ApiError('bad', 400, 'badRequest', undefined, 'POST', 'u')), 'refused');
    assert.equal(classifySubmitError(new ApiError('boom', 500, 'computeFault', undefined, 'POST', 'u')), 'refused');
    assert.equal(classifySubmitError(new ApiError('gw', 504, 'http504', undefined, 'POST', 'u')), 'unknown');
    assert.equal(classifySubmitError(new ConnectionError('refused', 'u', 'ECONNREFUSED')), 'refused');
    assert.equal(classifySubmitError(new ConnectionError('reset', 'u', 'ECONNRESET')), 'unknown');
    assert.equal(classifySubmitError(new ConnectionError('tls', 'u', 'ERR_TLS_CERT_ALTNAME_INVALID')), 'refused');
    assert.equal(classifySubmitError(new UsageError('bad flavor')), 'refused');
    assert.equal(classifySubmitError(new Error('what?')), 'unknown');
  });
});

describe('operations: poll', () => {
  it('reports every value until settled, going on after a failed fetch', async () => {
    const seen: number[] = [];
    const errors: unknown[] = [];
    let n = 0;
    const last = await poll(
      async () => {
        n++;
        if (n === 2) throw new Error('blip');
        return n;
      },
      (v) => seen.push(v),
      (v) => v >= 4,
      { intervalMs: 1, onPollError: (e) => void errors.push(e) },
    );
    assert.equal(last, 4);
    assert.deepEqual(seen, [1, 3, 4]);
    assert.equal(errors.length, 1);
  });
  it('stops when aborted', async () => {
    const ac = new AbortController();
    const p = poll(
      async () => 1,
      () => ac.abort(new Error('gone')),
      () => false,
      { intervalMs: 50, signal: ac.signal },
    );
    await assert.rejects(p, /gone/);
  });
});
