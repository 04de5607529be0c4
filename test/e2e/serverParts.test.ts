/**
 * What hangs off a server, on the real local cloud, as the demo user: metadata, rename,
 * description, tags — each compared with what the openstack CLI reads back — and what a server
 * booted with --nic none (no ports) can and cannot have. Interfaces, floating IPs and security
 * groups of a server on a network: network.test.ts. The one server made here is deleted at the end.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, novashOk, openstackJson, skipReason, uniqueName } from './cloud.js';

type Doc = Record<string, unknown>;

const CLOUD = 'devcloud-demo';
const env = cleanEnv();
const name = uniqueName('e2e-parts');
let id = '';

const ok = (args: string[]): string => novashOk(args, env, CLOUD);
const json = <T = Doc>(args: string[]): T => novashJson<T>(args, env, CLOUD);

/** What the openstack CLI reads back for the server. */
function theirs(): Doc {
  return openstackJson<Doc>(['--os-compute-api-version', '2.79', 'server', 'show', id], env, CLOUD);
}

/** The cloud refused: exit 1, its message and its request id. */
function refusedBy(args: string[], message: RegExp): void {
  const r = novash(args, env, CLOUD);
  assert.equal(r.code, 1, `novash ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /\(HTTP \d{3}, request req-[0-9a-f-]{36}\)/);
}

describe('server parts on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    const s = json<Doc>(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', name]);
    id = String(s.id);
    assert.equal(s.status, 'ACTIVE');
  });

  after(() => {
    // Even when a test failed half-way.
    if (id) novash(['delete', '--wait', id], env, CLOUD);
  });

  test('meta set and delete: the openstack CLI sees the same properties', () => {
    const set = json<{ message: string; data: { metadata: Doc } }>(['meta', id, 'set', 'role=web', 'tier=2', 'note=two words']);
    assert.equal(set.message, `Metadata of server ${name}: set role, tier, note.`);
    assert.deepEqual(set.data.metadata, { role: 'web', tier: '2', note: 'two words' });
    assert.deepEqual(theirs().properties, { role: 'web', tier: '2', note: 'two words' });
    ok(['meta', id, 'delete', 'tier', 'note']);
    assert.deepEqual(json(['show', id]).metadata, { role: 'web' });
    assert.deepEqual(theirs().properties, { role: 'web' });
    refusedBy(['meta', id, 'delete', 'ghost'], /Metadata item was not found/);
    // Refused here, never sent: Nova would answer 400 for the key.
    const bad = novash(['meta', id, 'set', 'a/b=1'], env, CLOUD);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Metadata key 'a\/b' is not allowed/);
  });

  test('rename and server-set --description: the openstack CLI sees the new name and description', () => {
    const renamed = `${name}-renamed`;
    assert.equal(ok(['rename', id, renamed]), `Server ${name}: renamed to ${renamed}.\n`);
    assert.equal(theirs().name, renamed);
    assert.equal(json(['show', renamed]).id, id, 'the new name resolves');
    const described = json<{ data: Doc }>(['server-set', renamed, '--description', 'front end, team web']);
    assert.equal(described.data.description, 'front end, team web');
    assert.equal(theirs().description, 'front end, team web');
    assert.equal(json<{ data: Doc }>(['server-set', id, '--description', '']).data.description, null);
    assert.equal(json(['show', id]).description, undefined, "'' removed it");
    assert.equal(theirs().description, null);
    ok(['rename', id, name]);
    const bad = novash(['rename', id, 'bad\u001b[31mname'], env, CLOUD);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /The new name contains character U\+001B/);
    assert.equal(theirs().name, name, 'nothing was sent');
  });

  test('tags: add, list, delete, delete-all; the openstack CLI sees the same tags', () => {
    assert.equal(ok(['server-tag-add', id, 'prod', 'db tier']), `Tags of server ${name}: added prod, db tier.\n`);
    assert.match(ok(['server-tag-add', id, 'prod']), /prod was there already/);
    assert.deepEqual(
      json<Doc[]>(['server-tag-list', id])
        .map((r) => r.Tag)
        .sort(),
      ['db tier', 'prod'],
    );
    assert.deepEqual((theirs().tags as string[]).sort(), ['db tier', 'prod']);
    ok(['server-tag-delete', id, 'prod']);
    assert.deepEqual(theirs().tags, ['db tier']);
    refusedBy(['server-tag-delete', id, 'prod'], /Instance [0-9a-f-]{36} has no tag 'prod'/);
    ok(['server-tag-add', id, 'a', 'b']);
    ok(['server-tag-delete-all', id]);
    assert.deepEqual(json(['server-tag-list', id]), []);
    assert.deepEqual(theirs().tags, []);
  });

  test('a server without ports: no security groups, none can be added (Nova says why), no interfaces', () => {
    assert.deepEqual(json(['list-secgroup', id]), []);
    refusedBy(['add-secgroup', id, 'default'], /could not be found as device id on any ports/);
    refusedBy(['remove-secgroup', id, 'default'], /^ERROR/);
    assert.deepEqual(json(['interface-list', id]), []);
  });

  test('add-floating-ip: a server without ports is told to attach an interface first; the address stays free', () => {
    const fip = json<Doc>(['floating-ip-create', 'public']);
    try {
      const r = novash(['add-floating-ip', id, String(fip.floating_ip_address)], env, CLOUD);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /The server has no ports to associate the floating IP with \(attach an interface first\)/);
      assert.equal(openstackJson<Doc>(['floating', 'ip', 'show', String(fip.id)], env, CLOUD).port_id, null);
    } finally {
      novash(['floating-ip-delete', String(fip.id)], env, CLOUD);
    }
  });
});
