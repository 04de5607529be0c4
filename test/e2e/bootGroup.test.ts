/**
 * The boot form's Server group step on the real local cloud, as the demo user: a group made with
 * the CLI is offered with its policy, picked by typing its name, shown in Review as the scheduler
 * hint, and the server booted through the form (no network) is then a member, as Nova lists it.
 * The server and the group are deleted at the end, also when a step failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';
import { pickTinyServerWithoutNetwork } from './bootFormSteps.js';
import { TmuxTerminal } from './terminal.js';

type Row = Record<string, unknown>;

const CLOUD = 'devcloud-demo';
const env = cleanEnv();
const session = `novash-bootgroup-${process.pid}`;
const term = new TmuxTerminal(session);
const groupName = uniqueName('e2e-formgroup');
const serverName = uniqueName('e2e-formgrouped');
let groupId = '';

describe('the boot form puts the server in a server group (local cloud)', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    groupId = String(novashJson<Row>(['server-group-create', groupName, 'anti-affinity'], env, CLOUD).id);
    term.start(env, { columns: 140, rows: 40 }, 'NOVASH-BOOTGROUP-EXITED', CLOUD);
  });

  after(() => {
    term.kill();
    const id = novashJson<Row[]>(['list', '--name', `^${serverName}$`], env, CLOUD)[0]?.ID;
    if (id) novash(['delete', '--wait', String(id)], env, CLOUD);
    if (groupId) novash(['server-group-delete', groupId], env, CLOUD);
  });

  test('pick the group in the form: the hint is sent with its id and Nova lists the server as a member', async () => {
    await term.waitScreen(/Servers \(\d+/);
    term.keys('n');
    await term.waitScreen('› Name');
    term.type(serverName);
    term.keys('Tab');
    let s = await pickTinyServerWithoutNetwork(term);
    if (s.includes('  Security groups: ')) {
      term.keys('Tab');
      await term.waitScreen('  Server group: (none)');
    }
    // The group is listed with its policy; typing filters to it.
    s = await term.waitScreen(groupName);
    assert.match(s, new RegExp(`${groupName}\\s+anti-affinity\\s+0\\s+${groupId}`));
    term.type(groupName);
    await term.waitScreen(new RegExp(`> .*${groupName}`));
    term.keys('Enter');
    await term.waitScreen('› User data');
    term.keys('Tab');
    s = await term.waitScreen('POST /servers will send');
    assert.match(s, new RegExp(`os:scheduler_hints\\s+group=${groupId} \\(${groupName}, anti-affinity\\)`));
    assert.match(s.replace(/\s*\n\s*/g, ' '), new RegExp(`--hint group=${groupName} --wait ${serverName}`));
    term.keys('Enter');
    s = await term.waitScreen(`${serverName} is ACTIVE.`, 300_000);
    if (/Enter open the server/.test(s)) term.keys('Enter');
    await term.waitGone('Boot a new server', 30_000);

    const servers = novashJson<Row[]>(['list', '--name', `^${serverName}$`], env, CLOUD);
    assert.equal(servers.length, 1, 'exactly one server was created');
    const group = novashJson<Row>(['server-group-show', groupId], env, CLOUD);
    assert.deepEqual(group.members, [servers[0]!.ID], 'Nova lists the booted server as the group member');
    term.keys('q');
  });
});
