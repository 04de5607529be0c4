import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { RebuildForm, ResizeForm, type FormOutcome } from '../../screens/forms/index.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { flat, formsCloud, framer, KEY, pressUntil, setLimits, settle, waitFor } from '../support/formsFixture.js';
import { UBUNTU_ID } from '../support/glanceImages.js';

function mount(Form: typeof ResizeForm | typeof RebuildForm, managers: Managers, server: Server) {
  const closed: FormOutcome[] = [];
  const inst = render(<Form managers={managers} readOnly={false} width={120} height={30} server={server} onClose={(o) => closed.push(o)} pollIntervalMs={10} />);
  const type = async (text: string) => {
    inst.stdin.write(text);
    await settle();
  };
  return { inst, closed, ...framer(inst), type, key: (k: string) => inst.stdin.write(k) };
}

describe('resize form', () => {
  it('shows the fit of every flavor, resizes once, waits for VERIFY_RESIZE, confirms', async (t) => {
    const { fx, managers } = await formsCloud(t);
    setLimits(fx, { maxTotalCores: 20, totalCoresUsed: 17 });
    const server = await managers.servers.get(fx.serverByName('Web Server 1')!.id); // m1.small
    const m = mount(ResizeForm, managers, server);
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
    await waitFor(() => m.closed.length > 0, m.frame, 8000);
    assert.equal(fx.actions('confirmResize').length, 1);
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: server.id }]);
    assert.equal(fx.serverById(server.id)!.flavorId, '3');
    m.inst.unmount();
  });

  it('opens on a server already in VERIFY_RESIZE and reverts', async (t) => {
    const { fx, managers } = await formsCloud(t);
    const server = await managers.servers.get(fx.serverByName('resize-me')!.id);
    const m = mount(ResizeForm, managers, server);
    await m.see('and waits in VERIFY_RESIZE: confirm');
    m.key('r');
    await waitFor(() => m.closed.length > 0, m.frame, 8000);
    assert.equal(fx.actions('revertResize').length, 1);
    assert.equal(fx.serverById(server.id)!.flavorId, '1');
    m.inst.unmount();
  });

  it('refuses the current flavor when picked', async (t) => {
    const { fx, managers } = await formsCloud(t);
    const server = await managers.servers.get(fx.serverByName('Web Server 1')!.id);
    const m = mount(ResizeForm, managers, server);
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
    const { fx, managers } = await formsCloud(t);
    const server = await managers.servers.get(fx.serverByName('new-server-test')!.id); // m1.tiny
    const m = mount(RebuildForm, managers, server);
    let frame = await m.see('Flavor m1.tiny: 1 GB disk, 512 MiB RAM');
    assert.match(frame, /Ubuntu 22\.04 LTS .*disk 1 GB < image min_disk 10 GB; RAM 512 MiB/);
    await m.type('ubuntu');
    m.key(KEY.enter);
    await m.see('Ubuntu 22.04 LTS cannot be used: disk 1 GB < image min_disk 10 GB');
    m.key(KEY.ctrlU);
    await m.type('golden');
    await m.see(/> .*golden/);
    m.key(KEY.enter);
    frame = await m.see('rebuild:');
    assert.match(frame, /everything on it is lost/);
    m.key(KEY.enter);
    await m.see(`Rebuild new-server-test?`);
    await pressUntil(m.inst, 'y', () => !m.frame().includes('Rebuild new-server-test?'), m.frame);
    m.key('y');
    await waitFor(() => m.closed.length > 0, m.frame, 8000);
    assert.equal(fx.actions('rebuild').length, 1);
    assert.deepEqual(fx.actions('rebuild')[0]!.json, { rebuild: { imageRef: 'a2459075-d96c-40d5-893e-577ff92e721c' } });
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: server.id }]);
    assert.ok(m.inst.frames.some((f) => /status REBUILD/.test(f)));
    m.inst.unmount();
  });

  it('cancels from the confirmation without sending', async (t) => {
    const { fx, managers } = await formsCloud(t);
    const server = await managers.servers.get(fx.serverByName('Web Server 1')!.id); // m1.small: Ubuntu fits
    const m = mount(RebuildForm, managers, server);
    await m.see('Flavor m1.small');
    await m.type('ubuntu');
    m.key(KEY.enter);
    await m.see('rebuild:');
    m.key(KEY.enter);
    await m.see('Rebuild Web Server 1?');
    await pressUntil(m.inst, 'n', () => !m.frame().includes('Rebuild Web Server 1?'), m.frame);
    await m.see(`imageRef            ${UBUNTU_ID}`);
    assert.equal(fx.actions('rebuild').length, 0);
    m.inst.unmount();
  });
});
