import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CompletionCache, cacheDirFor } from '../../src/cache/completionCache.js';
import type { CloudConfig } from '../../src/config/types.js';

function freshCache(): CompletionCache {
  return new CompletionCache(join(mkdtempSync(join(tmpdir(), 'novash-cc-')), 'cache'));
}

function lines(cache: CompletionCache, file: string): string[] {
  return readFileSync(join(cache.dir, file), 'utf8').split('\n').filter(Boolean);
}

const WEB = { id: '11111111-1111-4111-8111-111111111111', name: 'Web Server', humanId: 'web-server' };
const DB = { id: '22222222-2222-4222-8222-222222222222', name: 'db', humanId: 'db' };
const NEW = { id: '33333333-3333-4333-8333-333333333333', name: 'new one', humanId: 'new-one' };

describe('CompletionCache files', () => {
  test("novaclient's file names, one value per line", () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB]);
    assert.deepEqual(lines(cache, 'server-uuid-cache'), [WEB.id, DB.id]);
    assert.deepEqual(lines(cache, 'server-human-id-cache'), ['web-server', 'db']);
    assert.ok(readFileSync(join(cache.dir, 'server-uuid-cache'), 'utf8').endsWith('\n'));
  });

  test('kinds are kept apart', () => {
    const cache = freshCache();
    cache.replace('server', [WEB]);
    cache.replace('flavor', [{ id: '1', name: 'm1.tiny', humanId: 'm1tiny' }]);
    assert.deepEqual(lines(cache, 'flavor-uuid-cache'), ['1']);
    assert.deepEqual(lines(cache, 'server-uuid-cache'), [WEB.id]);
    assert.deepEqual(
      cache.read('flavor').map((e) => e.name),
      ['m1.tiny'],
    );
  });

  test('a full listing replaces everything (servers deleted elsewhere disappear)', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB]);
    cache.replace('server', [NEW]);
    assert.deepEqual(lines(cache, 'server-uuid-cache'), [NEW.id]);
    assert.deepEqual(lines(cache, 'server-human-id-cache'), ['new-one']);
  });

  test('a create adds; adding a known id updates it rather than duplicating', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB]);
    cache.add('server', [NEW]);
    assert.deepEqual(lines(cache, 'server-uuid-cache'), [WEB.id, DB.id, NEW.id]);
    cache.add('server', [{ ...DB, name: 'db renamed', humanId: 'db-renamed' }]);
    assert.deepEqual(lines(cache, 'server-uuid-cache').sort(), [WEB.id, DB.id, NEW.id].sort());
    assert.deepEqual(lines(cache, 'server-human-id-cache').sort(), ['db-renamed', 'new-one', 'web-server']);
  });

  test('a delete removes the id and its human id', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB]);
    cache.remove('server', [WEB.id]);
    assert.deepEqual(lines(cache, 'server-uuid-cache'), [DB.id]);
    assert.deepEqual(lines(cache, 'server-human-id-cache'), ['db']);
    assert.deepEqual(cache.read('server'), [{ id: DB.id, name: 'db', humanId: 'db' }]);
  });

  test('two servers sharing a human id: the human id file lists it once', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, { ...NEW, name: 'web server', humanId: 'web-server' }]);
    assert.deepEqual(lines(cache, 'server-human-id-cache'), ['web-server']);
    assert.deepEqual(cache.idsForHumanId('server', 'web-server'), [WEB.id, NEW.id]);
  });

  test('names with tabs or newlines do not break the files', () => {
    const cache = freshCache();
    cache.replace('server', [{ id: 'x', name: 'bad\tname\nhere', humanId: 'bad-name-here' }, DB]);
    assert.deepEqual(
      cache.read('server').map((e) => e.id),
      ['x', DB.id],
    );
    assert.deepEqual(lines(cache, 'server-uuid-cache'), ['x', DB.id]);
  });

  test('writes are atomic: no temp files are left behind', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB]);
    cache.add('server', [NEW]);
    cache.remove('server', [DB.id]);
    cache.replace('image', []);
    const files = readdirSync(cache.dir).sort();
    assert.deepEqual(files, [
      'image-human-id-cache',
      'image-index-cache',
      'image-uuid-cache',
      'server-human-id-cache',
      'server-index-cache',
      'server-uuid-cache',
    ]);
  });

  test('an empty listing leaves empty files', () => {
    const cache = freshCache();
    cache.replace('server', [WEB]);
    cache.replace('server', []);
    assert.equal(readFileSync(join(cache.dir, 'server-uuid-cache'), 'utf8'), '');
    assert.deepEqual(cache.read('server'), []);
  });

  test('no cache yet: reads are empty, nothing throws', () => {
    const cache = freshCache();
    assert.deepEqual(cache.read('server'), []);
    assert.deepEqual(cache.candidates('server', 'w'), []);
    assert.deepEqual(cache.idsForHumanId('server', 'web'), []);
    cache.remove('server', ['nothing']);
  });

  test('an unwritable cache location never fails the command', () => {
    const root = mkdtempSync(join(tmpdir(), 'novash-cc-ro-'));
    const blocker = join(root, 'not-a-dir');
    writeFileSync(blocker, 'a file where the cache dir should be');
    const cache = new CompletionCache(join(blocker, 'cache'));
    assert.doesNotThrow(() => cache.replace('server', [WEB]));
    assert.doesNotThrow(() => cache.add('server', [NEW]));
    assert.doesNotThrow(() => cache.remove('server', [WEB.id]));
    assert.deepEqual(cache.read('server'), []);
  });
});

describe('CompletionCache.candidates', () => {
  test('names, human ids and ids starting with the prefix, sorted, each once', () => {
    const cache = freshCache();
    cache.replace('server', [WEB, DB, { id: 'web-id', name: 'web', humanId: 'web' }]);
    assert.deepEqual(cache.candidates('server', 'web'), ['web', 'web-id', 'web-server']);
    assert.deepEqual(cache.candidates('server', 'd'), ['db']);
    assert.deepEqual(cache.candidates('server', '1111'), [WEB.id]);
    assert.deepEqual(cache.candidates('server', 'zzz'), []);
  });

  test('a name with spaces is offered as it is and as its human id (the shells escape it)', () => {
    const cache = freshCache();
    cache.replace('server', [WEB]);
    const all = cache.candidates('server');
    assert.ok(all.includes('web-server'));
    assert.ok(all.includes('Web Server'));
  });

  test('has: whether a kind was ever cached (an empty cache was)', () => {
    const cache = freshCache();
    assert.equal(cache.has('keypair'), false);
    cache.replace('keypair', []);
    assert.equal(cache.has('keypair'), true);
  });
});

describe('cacheDirFor', () => {
  const base: CloudConfig = {
    authType: 'password',
    auth: {
      authUrl: 'http://k:5000/v3',
      username: 'alice',
      password: 'pw',
      userDomainId: 'default',
      projectName: 'demo',
      projectDomainId: 'default',
    },
    regionName: 'RegionOne',
    interface: 'public',
    insecure: false,
  };

  test('one directory per user, project, auth URL and region; never named after the password', () => {
    const root = '/tmp/root';
    const dir = cacheDirFor(base, root);
    assert.ok(dir.startsWith(root + '/'));
    assert.equal(dir, cacheDirFor({ ...base, auth: { ...base.auth, password: 'other' } }, root));
    assert.notEqual(dir, cacheDirFor({ ...base, auth: { ...base.auth, projectName: 'other' } }, root));
    assert.notEqual(dir, cacheDirFor({ ...base, regionName: 'RegionTwo' }, root));
    assert.notEqual(dir, cacheDirFor({ ...base, auth: { ...base.auth, username: 'bob' } }, root));
  });
});

test('count: the entries of the last write, 0 when there is no cache yet', () => {
  const cache = freshCache();
  assert.equal(cache.count('server'), 0);
  cache.replace('server', [
    { id: 'a', name: 'one' },
    { id: 'b', name: 'two' },
    { id: 'a', name: 'one again' },
  ]);
  assert.equal(cache.count('server'), 2);
  cache.remove('server', ['b']);
  assert.equal(cache.count('server'), 1);
});
