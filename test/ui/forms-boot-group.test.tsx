/**
 * The boot form's Server group step: listed from the cloud with each group's policy, filtered by
 * typing, none by default; the pick is shown in Review and sent as the scheduler hint `group` (the
 * group's id), the same request `novash boot --hint group=NAME` sends. A cloud that refuses to list
 * server groups leaves the form usable.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { BootForm } from '../../screens/forms/index.js';
import type { FixtureServer } from '../support/fixtureServer.js';
import { bootPosts, flat, formsCloud, KEY, mountForm, type MountedForm } from '../support/formsFixture.js';
import { runMain } from '../support/run.js';

const SPREAD = { id: '8d6fb3a4-0c77-4d0e-9a6f-2f4c1e0b5a11', name: 'db-spread', policy: 'anti-affinity' };
const PACK = { id: '1f3e5a7c-9b2d-4e6f-8a0c-3d5b7f9e1c22', name: 'web-pack', policy: 'affinity' };

function addGroups(fx: FixtureServer): void {
  for (const g of [SPREAD, PACK]) fx.serverGroups.push({ ...g, rules: {}, members: [], projectId: fx.project.id, userId: fx.user.id });
}

async function bootForm(t: TestContext, prepare: (fx: FixtureServer) => void) {
  const cloud = await formsCloud(t);
  prepare(cloud.fx);
  const m = mountForm((host) => <BootForm {...host} />, cloud.managers);
  await m.see('› Name');
  return { ...cloud, m };
}

/** Details to Security groups with the keyboard (cirros, m1.tiny, no network, no key pair), then Tab to Server group. */
async function toGroupStep(m: MountedForm, name: string): Promise<string> {
  await m.type(name);
  m.key(KEY.tab); // -> Source
  await m.see('type to filter');
  await m.type('cirros');
  await m.see(/> ●?\s*cirros-0\.6\.2/);
  m.key(KEY.enter); // -> Flavor
  await m.see('Quota left');
  await m.type('m1.tiny');
  await m.see(/> ●?\s*m1\.tiny/);
  m.key(KEY.enter); // -> Networks
  await m.see('none — no network at all');
  m.key(KEY.down);
  await m.see(/> \(.\) none/);
  m.key(KEY.enter); // pick none -> Key pair
  await m.see('(no key pair)');
  m.key(KEY.tab); // -> Security groups
  await m.see('Security groups: (none picked');
  m.key(KEY.tab); // -> Server group
  return m.see('Server group: (none)');
}

describe('boot form: server group', () => {
  it('lists the groups with their policies, filters by typing, and sends the picked group as the hint the CLI sends', async (t) => {
    const { fx, te, m } = await bootForm(t, addGroups);
    let frame = await toGroupStep(m, 'grouped');
    assert.match(frame, /> ●\s*\(no server group\)\s+no scheduler hint is sent/, 'none is the default, and picked');
    assert.match(frame, /db-spread\s+anti-affinity\s+0\s+8d6fb3a4-0c77-4d0e-9a6f-2f4c1e0b5a11/);
    assert.match(frame, /web-pack\s+affinity\s+0/);
    await m.type('spread');
    frame = await m.gone('web-pack');
    assert.match(frame, /> .*db-spread/);
    m.key(KEY.enter); // pick -> Configuration
    await m.see('User data');
    m.key(KEY.tab); // -> Review
    frame = await m.see('POST /servers will send');
    assert.match(frame, /os:scheduler_hints\s+group=8d6fb3a4-0c77-4d0e-9a6f-2f4c1e0b5a11 \(db-spread, anti-affinity\)/);
    assert.match(flat(frame), /--nic none --hint group=db-spread --wait grouped/);
    assert.equal(bootPosts(fx).length, 0, 'nothing is sent before Enter on Review');
    m.key(KEY.enter);
    await m.see('grouped is ACTIVE.', 8000);
    const posts = bootPosts(fx);
    assert.equal(posts.length, 1);
    const sent = posts[0]!.json as Record<string, Record<string, unknown>>;
    assert.deepEqual(sent['os:scheduler_hints'], { group: SPREAD.id });
    assert.deepEqual(fx.serverGroups.find((g) => g.id === SPREAD.id)!.members, [fx.serverByName('grouped')!.id]);
    m.inst.unmount();

    // The command the review shows sends the same body (the name aside).
    const cli = await runMain(
      [
        'boot',
        '--image',
        String(sent.server!.imageRef),
        '--flavor',
        'm1.tiny',
        '--nic',
        'none',
        '--hint',
        'group=db-spread',
        'grouped-cli',
      ],
      te.env,
    );
    assert.equal(cli.code, 0, cli.stderr);
    const viaCli = bootPosts(fx).at(-1)!.json as Record<string, Record<string, unknown>>;
    assert.deepEqual({ ...viaCli, server: { ...viaCli.server, name: 'grouped' } }, sent);
  });

  it('goes back to none with the first row, and Review then sends no hint', async (t) => {
    const { fx, m } = await bootForm(t, addGroups);
    await toGroupStep(m, 'ungrouped');
    await m.type('pack');
    await m.see(/> .*web-pack/);
    m.key(KEY.enter);
    await m.see('User data');
    m.key(KEY.shiftTab); // back to Server group: the cursor on the pick
    await m.see('Server group: web-pack (affinity)');
    for (let i = 0; i < 4; i++) m.key(KEY.backspace);
    await m.see(/> ●?\s*\(no server group\)|\(no server group\)/);
    m.key(KEY.up);
    m.key(KEY.up);
    await m.see(/> ●?\s*\(no server group\)/);
    m.key(KEY.enter);
    await m.see('User data');
    m.key(KEY.tab);
    const frame = await m.see('POST /servers will send');
    assert.match(frame, /not sent.*os:scheduler_hints/s);
    m.key(KEY.enter);
    await m.see('ungrouped is ACTIVE.', 8000);
    const sent = bootPosts(fx)[0]!.json as Record<string, unknown>;
    assert.equal('os:scheduler_hints' in sent, false);
    m.inst.unmount();
  });

  it('a cloud that refuses to list server groups (403) still boots: the step says why and offers none', async (t) => {
    const refusal = "Policy doesn't allow os_compute_api:os-server-groups:index to be performed.";
    const { fx, m } = await bootForm(t, (fx) => {
      addGroups(fx);
      fx.fail({ method: 'GET', path: /\/os-server-groups$/, status: 403, body: { forbidden: { code: 403, message: refusal } } });
    });
    const frame = await toGroupStep(m, 'no-groups');
    assert.match(flat(frame), new RegExp(`Server groups could not be listed: .*${refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.doesNotMatch(frame, /db-spread/);
    m.key(KEY.enter); // (no server group) -> Configuration
    await m.see('User data');
    m.key(KEY.tab);
    await m.see('POST /servers will send');
    m.key(KEY.enter);
    await m.see('no-groups is ACTIVE.', 8000);
    assert.equal(bootPosts(fx).length, 1);
    assert.equal('os:scheduler_hints' in (bootPosts(fx)[0]!.json as Record<string, unknown>), false);
    m.inst.unmount();
  });
});
