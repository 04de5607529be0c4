import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { RebuildForm, ResizeForm } from '../../screens/forms/index.js';
import { flat, formsCloudWithServer, KEY, mountForm, setLimits } from '../support/formsFixture.js';
import { UBUNTU_ID } from '../support/glanceImages.js';

/** The form opened on the fixture's server `name`. */
async function open(t: TestContext, Form: typeof ResizeForm | typeof RebuildForm, name: string) {
  const { fx, managers, server } = await formsCloudWithServer(t, name);
  return { fx, server, m: mountForm((host) => <Form {...host} server={server} />, managers) };
}

describe('resize form', () => {
  it('shows the fit of every flavor, resizes once, waits for VERIFY_RESIZE, confirms', async (t) => {
    const { fx, managers, server } = await formsCloudWithServer(t, 'Web Server 1'); // m1.small
    setLimits(fx, { maxTotalCores: 20, totalCoresUsed: 17 });
    const m = mountForm((host) => <ResizeForm {...host} server={server} />, managers);
    let frame = await m.see('Now: m1.small (1 vCPU, 2048 MiB RAM, 20 GB disk); quota left: 3 vCPUs');
    assert.match(frame, /m1\.small .*current flavor/);
    assert.match(frame, /m1\.tiny .*disk 1 GB < current 20 GB \(disks cannot shrink\)/);
    assert.match(frame, /m1\.xlarge .*needs 7 more vCPUs, quota has 3 left/);
    assert.doesNotMatch(frame, /m1\.medium .*(needs|current|shrink)/);
    await m.type('m1.medium');
    await m.see(/> .*m1\.medium/);
    m.key(KEY.enter);
    frame = await m.see('resize:');
    assert.match(frame, /flavorRef\s+3 \(m1\.medium: 2 vCPU, 4096 MiB RAM, 40 GB disk\)/);
    assert.match(flat(frame), new RegExp(`novash resize --wait ${server.id} m1\\.medium`));
    m.key(KEY.enter);
    m.key(KEY.enter);
    frame = await m.see('and waits in VERIFY_RESIZE: confirm', 8000);
    assert.match(frame, /c confirm \(keep the new flavor\)\s+r revert/);
    assert.equal(fx.actions('resize').length, 1);
    assert.deepEqual(fx.actions('resize')[0]!.json, { resize: { flavorRef: '3' } });
    m.key('c');
    m.key('c');
    await m.closes();
    assert.equal(fx.actions('confirmResize').length, 1);
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: server.id }]);
    assert.equal(fx.serverById(server.id)!.flavorId, '3');
    m.inst.unmount();
  });

  it('opens on a server already in VERIFY_RESIZE and reverts', async (t) => {
    const { fx, server, m } = await open(t, ResizeForm, 'resize-me');
    await m.see('and waits in VERIFY_RESIZE: confirm');
    m.key('r');
    await m.closes();
    assert.equal(fx.actions('revertResize').length, 1);
    assert.equal(fx.serverById(server.id)!.flavorId, '1');
    m.inst.unmount();
  });

  it('refuses the current flavor when picked', async (t) => {
    const { fx, m } = await open(t, ResizeForm, 'Web Server 1');
    await m.see('Now: m1.small');
    await m.type('m1.small');
    await m.see(/> .*m1\.small /);
    m.key(KEY.enter);
    await m.see('m1.small cannot be used: current flavor.');
    assert.equal(fx.actions('resize').length, 0);
    m.inst.unmount();
  });
});

describe('rebuild form', () => {
  it('disables images that do not fit the flavor, asks, rebuilds once, follows to ACTIVE', async (t) => {
    const { fx, server, m } = await open(t, RebuildForm, 'new-server-test'); // m1.tiny
    let frame = await m.see('Flavor m1.tiny: 1 GB disk, 512 MiB RAM');
    assert.match(frame, /Ubuntu 22\.04 LTS .*disk 1 GB < image min_disk 10 GB; RAM 512 MiB/);
    await m.type('ubuntu');
    m.key(KEY.enter);
    await m.see('Ubuntu 22.04 LTS cannot be used: disk 1 GB < image min_disk 10 GB');
    await m.retype('golden');
    await m.see(/> .*golden/);
    m.key(KEY.enter);
    frame = await m.see('rebuild:');
    assert.match(frame, /everything on it is lost/);
    m.key(KEY.enter);
    await m.see(`Rebuild new-server-test?`);
    await m.answer('y', 'Rebuild new-server-test?');
    m.key('y');
    await m.closes();
    assert.equal(fx.actions('rebuild').length, 1);
    assert.deepEqual(fx.actions('rebuild')[0]!.json, { rebuild: { imageRef: 'a2459075-d96c-40d5-893e-577ff92e721c' } });
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: server.id }]);
    assert.ok(m.inst.frames.some((f) => /status REBUILD/.test(f)));
    m.inst.unmount();
  });

  it('cancels from the confirmation without sending', async (t) => {
    const { fx, m } = await open(t, RebuildForm, 'Web Server 1'); // m1.small: Ubuntu fits
    await m.see('Flavor m1.small');
    await m.type('ubuntu');
    m.key(KEY.enter);
    await m.see('rebuild:');
    m.key(KEY.enter);
    await m.see('Rebuild Web Server 1?');
    await m.answer('n', 'Rebuild Web Server 1?');
    await m.see(`imageRef            ${UBUNTU_ID}`);
    assert.equal(fx.actions('rebuild').length, 0);
    m.inst.unmount();
  });
});
