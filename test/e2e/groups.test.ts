/**
 * Server groups and keypair-create on the real local cloud, as the demo user: a group made by
 * novash, a server booted into it with `--hint group=<name>` that the cloud (and the openstack CLI)
 * then lists as a member; a key pair whose private key novash wrote 0600 and whose public half is
 * what Nova keeps. Everything made here is deleted at the end, also when a test failed half-way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanEnv, e2eEnabled, novash, novashJson, openstackJson, skipReason, uniqueName } from './cloud.js';

type Record_ = Record<string, unknown>;

const CLOUD = 'devcloud-demo';
const home = mkdtempSync(join(tmpdir(), 'novash-e2e-home-'));
const env = { ...cleanEnv(), HOME: home };
const groupName = uniqueName('e2e-group');
const serverName = uniqueName('e2e-grouped');
const keyName = uniqueName('e2e-key');
let groupId = '';
let serverId = '';
let keyMade = false;

/** The openstack CLI prints a list either as a list or as "a, b" text, by version: as a list. */
function idList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return String(v ?? '')
    .split(/[,\s]+/)
    .filter(Boolean);
}

describe('server groups and keypair-create on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  after(() => {
    if (serverId) novash(['delete', '--wait', serverId], env, CLOUD);
    if (groupId) novash(['server-group-delete', groupId], env, CLOUD);
    if (keyMade) novash(['keypair-delete', keyName], env, CLOUD);
  });

  test('server-group-create affinity: the cloud has it as novash shows it', () => {
    const made = novashJson<Record_>(['server-group-create', groupName, 'affinity'], env, CLOUD);
    groupId = String(made.id);
    assert.match(groupId, /^[0-9a-f-]{36}$/);
    assert.equal(made.policy, 'affinity', 'Zed answers 2.64+: policy, not policies');
    assert.deepEqual(made.rules, {});
    assert.deepEqual(made.members, []);
    const theirs = openstackJson<Record_>(['server', 'group', 'show', groupId], env, CLOUD);
    assert.equal(theirs.name, groupName);
    assert.equal(theirs.id, groupId);
    const listed = novashJson<Array<Record_>>(['server-group-list'], env, CLOUD).find((g) => g.ID === groupId);
    assert.deepEqual(listed, { ID: groupId, Name: groupName, Policy: 'affinity', Members: [] });
  });

  test('boot --nic none --hint group=<name> --wait: the server is a member (novash and openstack agree)', () => {
    assert.ok(groupId, 'the group was made');
    const shown = novashJson<Record_>(
      ['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--hint', `group=${groupName}`, '--wait', serverName],
      env,
      CLOUD,
    );
    serverId = String(shown.id);
    assert.equal(shown.status, 'ACTIVE');
    const group = novashJson<Record_>(['server-group-show', groupName], env, CLOUD);
    assert.deepEqual(group.members, [serverId]);
    const theirs = openstackJson<Record_>(['server', 'group', 'show', groupId], env, CLOUD);
    assert.deepEqual(idList(theirs.members), [serverId]);

    // A group that does not exist: refused before the boot request, nothing is made.
    const before = novashJson<Array<Record_>>(['list'], env, CLOUD).length;
    const r = novash(
      [
        'boot',
        '--image',
        'tiny-image',
        '--flavor',
        'm1.tiny',
        '--nic',
        'none',
        '--hint',
        'group=no-such-group-e2e',
        uniqueName('e2e-never'),
      ],
      env,
      CLOUD,
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No server group with a name or ID of 'no-such-group-e2e' exists\./);
    assert.equal(novashJson<Array<Record_>>(['list'], env, CLOUD).length, before);
  });

  test('deleting the server leaves the group empty; server-group-delete removes it', () => {
    assert.ok(serverId && groupId);
    assert.equal(novash(['delete', '--wait', serverId], env, CLOUD).code, 0);
    serverId = '';
    assert.deepEqual(novashJson<Record_>(['server-group-show', groupId], env, CLOUD).members, []);
    const del = novash(['server-group-delete', groupName], env, CLOUD);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, new RegExp(`Server group ${groupName} \\(${groupId}\\) deleted\\.`));
    const gone = novash(['server-group-show', groupId], env, CLOUD);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /No server group with a name or ID of/);
    groupId = '';
  });

  test('keypair-create writes ~/.ssh/NAME 0600; ssh-keygen reads it; its public key is what Nova keeps', () => {
    const made = novashJson<Record_>(['keypair-create', keyName], env, CLOUD);
    keyMade = true;
    const file = join(home, '.ssh', keyName);
    assert.equal(made.private_key_file, file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!JSON.stringify(made).includes('PRIVATE KEY'), 'the private key is not printed');
    const derived = spawnSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' });
    assert.equal(derived.status, 0, derived.stderr);
    const nova = spawnSync('openstack', ['--os-cloud', CLOUD, 'keypair', 'show', '--public-key', keyName], {
      env: { ...env, PATH: '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' },
      encoding: 'utf8',
    });
    assert.equal(nova.status, 0, nova.stderr);
    const words = (s: string) => s.trim().split(/\s+/).slice(0, 2).join(' ');
    assert.equal(words(derived.stdout), words(nova.stdout), 'the file is the private half of the key Nova has');
    assert.equal(words(String(made.public_key)), words(nova.stdout));
    // Asked again with the same file: refused, the key and the file stay as they were.
    const again = novash(['keypair-create', uniqueName('e2e-key2'), '--private-key-file', file], env, CLOUD);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already; it is never overwritten/);
    assert.equal(spawnSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).stdout, derived.stdout);
    assert.equal(novash(['keypair-delete', keyName], env, CLOUD).code, 0);
    keyMade = false;
  });
});
