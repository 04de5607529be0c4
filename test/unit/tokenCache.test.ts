import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseTokenResponse } from '../../src/auth/keystone.js';
import { EXPIRY_MARGIN_MS, TokenCache, isFresh, tokenCacheKey } from '../../src/auth/tokenCache.js';
import type { TokenInfo } from '../../src/auth/types.js';
import type { CloudConfig } from '../../src/config/types.js';

const PASSWORD = 'correct-horse-battery-staple';

function config(over: Partial<CloudConfig['auth']> = {}, top: Partial<CloudConfig> = {}): CloudConfig {
  return {
    authType: 'password',
    auth: {
      authUrl: 'http://keystone:5000/v3',
      username: 'alice',
      password: PASSWORD,
      userDomainId: 'default',
      projectName: 'demo',
      projectDomainId: 'default',
      ...over,
    },
    regionName: 'RegionOne',
    interface: 'public',
    insecure: false,
    ...top,
  };
}

function token(id: string, expiresInMs: number): TokenInfo {
  return parseTokenResponse(id, {
    token: {
      expires_at: new Date(Date.now() + expiresInMs).toISOString(),
      user: { id: 'u-1', name: 'alice' },
      project: { id: 'p-1', name: 'demo' },
      roles: [{ id: 'r', name: 'member' }],
      catalog: [{ type: 'compute', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: 'http://nova:8774/v2.1' }] }],
    },
  });
}

describe('tokenCacheKey', () => {
  test('is stable for the same login and ignores a trailing slash on the auth URL', () => {
    assert.equal(tokenCacheKey(config()), tokenCacheKey(config()));
    assert.equal(tokenCacheKey(config()), tokenCacheKey(config({ authUrl: 'http://keystone:5000/v3/' })));
  });

  test('differs per project, region, user, auth URL and interface', () => {
    const base = tokenCacheKey(config());
    const others = [
      tokenCacheKey(config({ projectName: 'other' })),
      tokenCacheKey(config({}, { regionName: 'RegionTwo' })),
      tokenCacheKey(config({ username: 'bob' })),
      tokenCacheKey(config({ authUrl: 'http://other:5000/v3' })),
      tokenCacheKey(config({}, { interface: 'internal' })),
    ];
    for (const k of others) assert.notEqual(k, base);
    assert.equal(new Set(others).size, others.length);
  });

  test('never contains the password and does not depend on it', () => {
    const key = tokenCacheKey(config());
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.ok(!key.includes(PASSWORD));
    assert.equal(key, tokenCacheKey(config({ password: 'another password' })), 'changing the password keeps the same cache slot');
  });

  test('a user-supplied token is part of the identity (two tokens, two keys)', () => {
    const a = tokenCacheKey(config({ token: 'tok-a', password: undefined }, { authType: 'token' }));
    const b = tokenCacheKey(config({ token: 'tok-b', password: undefined }, { authType: 'token' }));
    assert.notEqual(a, b);
    assert.ok(!a.includes('tok-a'));
  });
});

describe('isFresh (60 s margin)', () => {
  test('a token expiring within the margin is not reused', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const at = (ms: number) => ({ ...token('t', 0), expiresAt: new Date(now + ms).toISOString() });
    assert.equal(EXPIRY_MARGIN_MS, 60_000);
    assert.equal(isFresh(at(61_000), now), true);
    assert.equal(isFresh(at(59_000), now), false);
    assert.equal(isFresh(at(-1_000), now), false);
    assert.equal(isFresh({ ...at(0), expiresAt: 'not a date' }, now), false);
  });
});

describe('TokenCache on disk', () => {
  test('a token set by one run is found by the next, in a file of mode 0600 without the password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const key = tokenCacheKey(config());
    const first = new TokenCache(dir);
    await first.set(key, token('gAAAA-fresh-token', 3_600_000));
    const path = await first.path();
    assert.equal(path, join(dir, 'tokens.json'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes('gAAAA-fresh-token'));
    assert.ok(!text.includes(PASSWORD), 'the password is never written');

    const second = new TokenCache(dir);
    const got = await second.get(key);
    assert.equal(got?.token, 'gAAAA-fresh-token');
    assert.equal(got?.project?.name, 'demo');
    assert.equal(await second.get(tokenCacheKey(config({ projectName: 'other' }))), undefined);
  });

  test('a token that expires within 60 s is ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const cache = new TokenCache(dir);
    await cache.set('soon', token('expiring', 30_000));
    assert.equal(await cache.get('soon'), undefined);
    assert.equal(await new TokenCache(dir).get('soon'), undefined);
  });

  test('expired entries are pruned from the file when another token is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const cache = new TokenCache(dir);
    await cache.set('old', token('old-token', -3_600_000));
    await cache.set('new', token('new-token', 3_600_000));
    const text = readFileSync(join(dir, 'tokens.json'), 'utf8');
    assert.ok(!text.includes('old-token'));
    assert.ok(text.includes('new-token'));
    assert.deepEqual(Object.keys(JSON.parse(text)), ['new']);
  });

  test('delete removes one entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const cache = new TokenCache(dir);
    await cache.set('a', token('token-a', 3_600_000));
    await cache.set('b', token('token-b', 3_600_000));
    await cache.delete('a');
    assert.equal(await cache.get('a'), undefined);
    assert.equal((await cache.get('b'))?.token, 'token-b');
  });

  test('delete with the refused token keeps a newer token another process wrote meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const cache = new TokenCache(dir);
    await cache.set('a', token('fresh-from-another-process', 3_600_000));
    await cache.delete('a', 'the-refused-one');
    assert.equal((await cache.get('a'))?.token, 'fresh-from-another-process');
    await cache.delete('a', 'fresh-from-another-process');
    assert.equal(await cache.get('a'), undefined);
  });

  test('the state directory is made 0700', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'novash-tokens-')), 'config');
    await new TokenCache(dir).set('a', token('t', 3_600_000));
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  test('a token file left world-readable by an older run is tightened to 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    const path = join(dir, 'tokens.json');
    writeFileSync(path, '{}');
    chmodSync(path, 0o644);
    await new TokenCache(dir).get('anything');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  test('a corrupt token file is not fatal: it is treated as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novash-tokens-'));
    writeFileSync(join(dir, 'tokens.json'), '{ not json');
    const cache = new TokenCache(dir);
    assert.equal(await cache.get('k'), undefined);
    await cache.set('k', token('t-after-corruption', 3_600_000));
    assert.equal((await new TokenCache(dir).get('k'))?.token, 't-after-corruption');
  });
});
