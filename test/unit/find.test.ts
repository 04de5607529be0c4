import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findResource, looksLikeUuid, type FindSource } from '../../src/managers/find.js';
import { slugify } from '../../src/managers/humanId.js';
import type { Resource } from '../../src/managers/types.js';
import { ApiError, NotFoundError, ResolveError } from '../../src/session/errors.js';

const UUID_A = '3f1e0c2a-8d4b-4c6e-9a7f-0b1c2d3e4f5a';
const UUID_B = '7c9d2e1f-4a3b-4f8e-b6d5-1a2b3c4d5e6f';
const UUID_C = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

function res(id: string, name: string): Resource {
  return { id, name, humanId: slugify(name) };
}

/**
 * A fake manager: get() by id, listByName() imitating Nova's regex name filter
 * (it returns more than the exact matches), listAll(). Calls are recorded.
 */
class FakeSource implements FindSource<Resource> {
  readonly calls: string[] = [];
  alphanumIds = false;
  cache?: Record<string, string[]>;
  constructor(
    readonly items: Resource[],
    readonly resourceName = 'server',
  ) {}

  async get(id: string): Promise<Resource> {
    this.calls.push(`get:${id}`);
    const r = this.items.find((i) => i.id === id);
    if (!r) throw new NotFoundError(`${this.resourceName} ${id} not found`, 404, 'itemNotFound', 'req-1', 'GET', `/x/${id}`);
    return r;
  }

  async listByName(name: string): Promise<Resource[]> {
    this.calls.push(`listByName:${name}`);
    // Nova's filter is an unanchored regex: "web" also returns "web-2" and "old-web".
    return this.items.filter((i) => i.name.includes(name));
  }

  async listAll(): Promise<Resource[]> {
    this.calls.push('listAll');
    return [...this.items];
  }

  cachedIdsForHumanId(humanId: string): string[] {
    this.calls.push(`cache:${humanId}`);
    return this.cache?.[humanId] ?? [];
  }
}

async function rejectsWith(p: Promise<unknown>, message: string, reason: 'none' | 'multiple'): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ResolveError, `expected ResolveError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.reason, reason);
    return true;
  });
}

describe('findResource', () => {
  test('a UUID is tried with get() first, before any listing', async () => {
    const src = new FakeSource([res(UUID_A, 'web'), res(UUID_B, UUID_A)]);
    const found = await findResource(src, UUID_A);
    assert.equal(found.id, UUID_A);
    assert.deepEqual(src.calls, [`get:${UUID_A}`]);
  });

  test('a UUID that is no id falls through to names (a server may be named like a UUID)', async () => {
    const src = new FakeSource([res(UUID_B, UUID_C)]);
    const found = await findResource(src, UUID_C);
    assert.equal(found.id, UUID_B);
    assert.deepEqual(src.calls.slice(0, 2), [`get:${UUID_C}`, `listByName:${UUID_C}`]);
  });

  test('a plain name is not sent to get() on resources with UUID ids', async () => {
    const src = new FakeSource([res(UUID_A, 'web')]);
    await findResource(src, 'web');
    assert.ok(!src.calls.some((c) => c.startsWith('get:')), src.calls.join(' '));
  });

  test('the server-side (regex) name candidates are filtered to exact matches', async () => {
    const src = new FakeSource([res(UUID_A, 'web-2'), res(UUID_B, 'web'), res(UUID_C, 'old-web')]);
    const found = await findResource(src, 'web');
    assert.equal(found.id, UUID_B);
    assert.ok(!src.calls.includes('listAll'), 'an exact name needs no full listing');
  });

  test('an exact name beats another resource whose human_id is that value', async () => {
    // "my-vm" is the exact name of one server and the human_id of "My VM".
    const src = new FakeSource([res(UUID_A, 'My VM'), res(UUID_B, 'my-vm')]);
    const found = await findResource(src, 'my-vm');
    assert.equal(found.id, UUID_B);
  });

  test('human_id matches when no exact name does', async () => {
    const src = new FakeSource([res(UUID_A, 'My Web Server!'), res(UUID_B, 'db')]);
    const found = await findResource(src, 'my-web-server');
    assert.equal(found.id, UUID_A);
    assert.ok(src.calls.includes('listAll'));
  });

  test("nothing found: novaclient's message", async () => {
    const src = new FakeSource([res(UUID_A, 'web')]);
    await rejectsWith(findResource(src, 'nope'), "No server with a name or ID of 'nope' exists.", 'none');
  });

  test("several exact names: novaclient's message, and no human_id fallback", async () => {
    const src = new FakeSource([res(UUID_A, 'web'), res(UUID_B, 'web')]);
    await rejectsWith(findResource(src, 'web'), "Multiple server matches found for 'web', use an ID to be more specific.", 'multiple');
    assert.ok(!src.calls.includes('listAll'));
  });

  test('several human_id matches: the same message with the resource name', async () => {
    const src = new FakeSource([res(UUID_A, 'Web 1'), res(UUID_B, 'WEB-1'), res(UUID_C, 'other')], 'flavor');
    await rejectsWith(findResource(src, 'web-1'), "Multiple flavor matches found for 'web-1', use an ID to be more specific.", 'multiple');
  });

  test('an integer id is tried with get() (flavor ids like "1")', async () => {
    const src = new FakeSource([res('1', 'm1.tiny'), res('2', 'm1.small')], 'flavor');
    const found = await findResource(src, '2');
    assert.equal(found.name, 'm1.small');
    assert.deepEqual(src.calls, ['get:2']);
  });

  test('resources with free-form ids try get() on any value first', async () => {
    const src = new FakeSource([res('custom-flavor-id', 'big'), res('x', 'custom')], 'flavor');
    src.alphanumIds = true;
    assert.equal((await findResource(src, 'custom-flavor-id')).name, 'big');
    assert.equal((await findResource(src, 'custom')).id, 'x');
  });

  test('a 400 on get() means "not an id" and the search goes on; other errors surface', async () => {
    const src = new FakeSource([res('k1', 'mykey')], 'keypair');
    src.alphanumIds = true;
    src.get = async (id: string) => {
      src.calls.push(`get:${id}`);
      throw new ApiError('Invalid', 400, 'badRequest', undefined, 'GET', '/x');
    };
    assert.equal((await findResource(src, 'mykey')).id, 'k1');
    src.get = async () => {
      throw new ApiError('Policy does not allow this', 403, 'forbidden', undefined, 'GET', '/x');
    };
    await assert.rejects(findResource(src, 'mykey'), /Policy does not allow this/);
  });

  test('the cached human_id shortcut: one cached id, verified with get(), no full listing', async () => {
    const src = new FakeSource([res(UUID_A, 'My Web Server'), res(UUID_B, 'db')]);
    src.cache = { 'my-web-server': [UUID_A] };
    const found = await findResource(src, 'my-web-server');
    assert.equal(found.id, UUID_A);
    assert.ok(src.calls.includes(`get:${UUID_A}`));
    assert.ok(!src.calls.includes('listAll'));
  });

  test('a stale cached id (server renamed) is not trusted: the full listing decides', async () => {
    const src = new FakeSource([res(UUID_A, 'renamed'), res(UUID_B, 'My Web Server')]);
    src.cache = { 'my-web-server': [UUID_A] };
    const found = await findResource(src, 'my-web-server');
    assert.equal(found.id, UUID_B);
    assert.ok(src.calls.includes('listAll'));
  });

  test('a cached id that no longer exists is not trusted either', async () => {
    const src = new FakeSource([res(UUID_B, 'My Web Server')]);
    src.cache = { 'my-web-server': [UUID_A] };
    assert.equal((await findResource(src, 'my-web-server')).id, UUID_B);
  });

  test('a human_id the cache maps to several ids is resolved by the full listing', async () => {
    const src = new FakeSource([res(UUID_A, 'My Web Server'), res(UUID_B, 'my web server')]);
    src.cache = { 'my-web-server': [UUID_A, UUID_B] };
    await rejectsWith(
      findResource(src, 'my-web-server'),
      "Multiple server matches found for 'my-web-server', use an ID to be more specific.",
      'multiple',
    );
  });

  test('an empty value asks for a name or ID', async () => {
    await rejectsWith(findResource(new FakeSource([]), '  '), 'A server name or ID is required.', 'none');
  });
});

describe('looksLikeUuid', () => {
  test('dashed and undashed UUIDs, any case; not names', () => {
    assert.equal(looksLikeUuid(UUID_A), true);
    assert.equal(looksLikeUuid(UUID_A.toUpperCase()), true);
    assert.equal(looksLikeUuid(UUID_A.replace(/-/g, '')), true);
    assert.equal(looksLikeUuid('web-server'), false);
    assert.equal(looksLikeUuid(UUID_A + '0'), false);
  });
});
