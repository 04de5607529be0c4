import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bootCommandLine,
  draftToBootRequest,
  emptyBootDraft,
  parseCount,
  previewBootBody,
  reviewLines,
  validateBoot,
  type BootContext,
} from '../../src/forms/bootDraft.js';
import { toFlavor } from '../../src/managers/flavors.js';
import { toServerGroup } from '../../src/managers/serverGroups.js';
import { toImage } from '../../src/managers/images.js';
import { toLimits } from '../../src/managers/limits.js';
import { buildBootBody } from '../../src/managers/servers.js';

const images = [
  toImage({ id: 'img-1', name: 'tiny-image', status: 'active', min_disk: 0, min_ram: 0, size: 1024 }),
  toImage({ id: 'img-2', name: 'big-image', status: 'active', min_disk: 40, min_ram: 4096 }),
  toImage({ id: 'img-3', name: 'upload', status: 'queued' }),
];
const flavors = [
  toFlavor({ id: '1', name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 }),
  toFlavor({ id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 }),
  toFlavor({ id: '4', name: 'm1.large', vcpus: 4, ram: 8192, disk: 80 }),
];
const limits = toLimits({
  maxTotalInstances: 10,
  totalInstancesUsed: 7,
  maxTotalCores: 20,
  totalCoresUsed: 14,
  maxTotalRAMSize: 51200,
  totalRAMUsed: 0,
});
const ctx: BootContext = { images, flavors, limits, microversion: '2.93', cloudName: 'devcloud' };
const good = emptyBootDraft({ name: 'vm1', imageId: 'img-1', flavorId: '1', networkMode: 'none' });

describe('forms: boot draft validation', () => {
  it('a complete draft has no errors', () => {
    assert.deepEqual(validateBoot(good, ctx), []);
  });
  it('an empty draft names every missing field, in step order', () => {
    const errs = validateBoot(emptyBootDraft(), ctx);
    assert.deepEqual(
      errs.map((e) => [e.step, e.field]),
      [
        ['details', 'name'],
        ['source', 'image'],
        ['flavor', 'flavor'],
      ],
    );
    assert.match(errs[0]!.message, /^Name is required \(1–255 characters/);
    assert.equal(errs[1]!.message, 'Source: pick an image.');
    assert.equal(errs[2]!.message, 'Flavor: pick a flavor.');
  });
  it('count: 1 .. remaining instance quota', () => {
    assert.deepEqual(parseCount('3', 3), { ok: true, value: 3 });
    assert.deepEqual(parseCount('4', 3), {
      ok: false,
      message: 'Count must be a whole number from 1 to 3 (instances left in the quota); got 4.',
    });
    assert.deepEqual(parseCount('0', 3), {
      ok: false,
      message: 'Count must be a whole number from 1 to 3 (instances left in the quota); got 0.',
    });
    assert.deepEqual(parseCount('two', 3), {
      ok: false,
      message: "Count must be a whole number from 1 to 3 (instances left in the quota); got 'two'.",
    });
    assert.deepEqual(parseCount('', Infinity), { ok: false, message: 'Count must be a whole number, 1 or more; got nothing.' });
    assert.deepEqual(parseCount('1', 0), {
      ok: false,
      message: 'Count: the instance quota is used up (0 instances left); no server can be booted.',
    });
    const errs = validateBoot({ ...good, count: '4' }, ctx);
    assert.deepEqual(
      errs.map((e) => e.field),
      ['count'],
    );
  });
  it('a flavor that stops fitting when the count grows is an error on the flavor step', () => {
    // 6 vCPUs left: 2 x m1.medium fits (4), 3 x does not (6 > 6? no: 6 fits), 3 x large does not.
    assert.deepEqual(validateBoot({ ...good, flavorId: '3', count: '3' }, ctx), []);
    const errs = validateBoot({ ...good, flavorId: '4', count: '2' }, ctx);
    assert.deepEqual(errs, [
      { step: 'flavor', field: 'flavor', message: 'Flavor: m1.large does not fit: needs 2 x 4 vCPUs, quota has 6 left.' },
    ]);
  });
  it('checks the flavor against the image minimums', () => {
    const errs = validateBoot({ ...good, imageId: 'img-2' }, ctx);
    assert.equal(errs[0]!.message, 'Flavor: m1.tiny does not fit: disk 1 GB < image min_disk 40 GB; RAM 512 MiB < image min_ram 4096 MiB.');
  });
  it('refuses an image that is not active', () => {
    assert.equal(
      validateBoot({ ...good, imageId: 'img-3' }, ctx)[0]!.message,
      'Source: image upload is queued; only active images can boot.',
    );
  });
  it('networks: picking means at least one; auto/none need 2.37', () => {
    assert.equal(
      validateBoot({ ...good, networkMode: 'pick' }, ctx)[0]!.message,
      'Networks: pick at least one network, or choose auto or none.',
    );
    assert.match(
      validateBoot({ ...good, networkMode: 'auto' }, { ...ctx, microversion: '2.1' })[0]!.message,
      /auto needs compute API 2.37 or later \(in use: 2.1\)/,
    );
    assert.deepEqual(validateBoot({ ...good, networkMode: 'default' }, { ...ctx, microversion: '2.1' }), []);
  });
  it('networks: auto is refused where the project sees no network and Neutron cannot allocate one', () => {
    const noNet: BootContext = { ...ctx, networks: [], autoAllocation: false };
    const errs = validateBoot({ ...good, networkMode: 'auto' }, noNet);
    assert.deepEqual(
      errs.map((e) => [e.step, e.field]),
      [['networks', 'networks']],
    );
    assert.match(errs[0]!.message, /^Networks: auto needs a network.*choose none/);
    assert.deepEqual(validateBoot({ ...good, networkMode: 'none' }, noNet), []);
    assert.deepEqual(validateBoot({ ...good, networkMode: 'auto' }, { ...noNet, autoAllocation: true }), [], 'Neutron can allocate one');
    assert.deepEqual(
      validateBoot({ ...good, networkMode: 'auto' }, { ...ctx, networks: undefined }),
      [],
      'no network service: Nova decides',
    );
  });
  it('reports the user-data check and metadata errors on the configuration step', () => {
    const errs = validateBoot(
      { ...good, metadataText: 'oops' },
      { ...ctx, userData: { ok: false, path: '/x', message: "User data: cannot read '/x' (no such file)." } },
    );
    assert.deepEqual(
      errs.map((e) => [e.step, e.field]),
      [
        ['config', 'userData'],
        ['config', 'metadata'],
      ],
    );
  });
});

describe('forms: boot draft -> request and command line', () => {
  const full = emptyBootDraft({
    name: "web 'one'",
    count: '2',
    availabilityZone: 'nova',
    imageId: 'img-1',
    flavorId: '3',
    networkMode: 'pick',
    networkIds: ['net-a', 'net-b'],
    keyName: 'demo-key',
    securityGroups: ['default', 'web'],
    userDataPath: '/tmp/cloud init.yaml',
    metadataText: 'role=web "note=hello world"',
  });
  it('builds the BootRequest the manager sends', () => {
    const ud = Buffer.from('#cloud-config\n');
    assert.deepEqual(draftToBootRequest(full, ud), {
      name: "web 'one'",
      imageId: 'img-1',
      flavorId: '3',
      networks: [{ uuid: 'net-a' }, { uuid: 'net-b' }],
      keyName: 'demo-key',
      securityGroups: ['default', 'web'],
      availabilityZone: 'nova',
      metadata: { role: 'web', note: 'hello world' },
      userData: ud,
      minCount: 2,
      maxCount: 2,
    });
    assert.deepEqual(draftToBootRequest(good), { name: 'vm1', imageId: 'img-1', flavorId: '1', networks: 'none' });
    assert.equal('networks' in draftToBootRequest({ ...good, networkMode: 'default' }), false);
  });
  it('the body is what buildBootBody makes of it', () => {
    assert.deepEqual(previewBootBody(good, '2.93'), { server: { name: 'vm1', flavorRef: '1', imageRef: 'img-1', networks: 'none' } });
    assert.deepEqual(previewBootBody(full, '2.93'), buildBootBody(draftToBootRequest(full), '2.93'));
  });
  it('gives the equivalent one-shot command, quoted', () => {
    assert.equal(bootCommandLine(good, ctx), 'novash --os-cloud devcloud boot --image tiny-image --flavor m1.tiny --nic none --wait vm1');
    assert.equal(
      bootCommandLine(full, ctx),
      'novash --os-cloud devcloud boot --image tiny-image --flavor m1.medium --nic net-id=net-a --nic net-id=net-b --key-name demo-key ' +
        "--security-groups default,web --user-data '/tmp/cloud init.yaml' --availability-zone nova --meta role=web --meta 'note=hello world' " +
        `--min-count 2 --max-count 2 --wait 'web '\\''one'\\'''`,
    );
    assert.equal(
      bootCommandLine({ ...good, name: '-x' }, { ...ctx, cloudName: undefined }),
      'novash boot --image tiny-image --flavor m1.tiny --nic none --wait -- -x',
    );
  });
  it('uses the image id when its name is not unique', () => {
    const dup = { ...ctx, images: [...images, toImage({ id: 'img-9', name: 'tiny-image', status: 'active' })] };
    assert.match(bootCommandLine(good, dup), /--image img-1 /);
  });
  it('review lines name each key of the body', () => {
    const lines = Object.fromEntries(reviewLines(full, { ...ctx, userData: { ok: true, path: '/tmp/cloud init.yaml', bytes: 2048 } }));
    assert.equal(lines.name, "web 'one'");
    assert.equal(lines.imageRef, 'img-1 (tiny-image)');
    assert.equal(lines.flavorRef, '3 (m1.medium: 2 vCPU, 4096 MiB RAM, 40 GB disk)');
    assert.equal(lines['min_count/max_count'], '2 (all or nothing)');
    assert.equal(lines.networks, 'net-a, net-b');
    assert.equal(lines.key_name, 'demo-key');
    assert.equal(lines.user_data, '/tmp/cloud init.yaml (2.0 KiB, sent base64-encoded)');
    assert.equal(lines.metadata, 'role=web note=hello world');
  });
});

describe('forms: boot draft server group', () => {
  const groups = [
    toServerGroup({ id: '8d6fb3a4-0c77-4d0e-9a6f-2f4c1e0b5a11', name: 'db-spread', policy: 'anti-affinity', members: [] }),
    toServerGroup({ id: '1f3e5a7c-9b2d-4e6f-8a0c-3d5b7f9e1c22', name: 'twin', policies: ['affinity'], members: [] }),
    toServerGroup({ id: '2a4c6e8f-1b3d-4f5a-9c7e-0d2f4a6c8e11', name: 'twin', policy: 'affinity', members: [] }),
  ];
  const gctx: BootContext = { ...ctx, serverGroups: groups };

  it('none by default: no scheduler hint in the request, the body or the command', () => {
    assert.equal(draftToBootRequest(good).schedulerHints, undefined);
    assert.equal('os:scheduler_hints' in buildBootBody(draftToBootRequest(good), '2.93'), false);
    assert.doesNotMatch(bootCommandLine(good, gctx), /--hint/);
    assert.equal(Object.fromEntries(reviewLines(good, gctx))['os:scheduler_hints'], '(none)');
  });

  it('the picked group is sent as the hint group=<id>; the command names it as --hint group= does', () => {
    const draft = { ...good, serverGroupId: groups[0]!.id };
    assert.deepEqual(buildBootBody(draftToBootRequest(draft), '2.93')['os:scheduler_hints'], { group: groups[0]!.id });
    assert.match(bootCommandLine(draft, gctx), / --hint group=db-spread /);
    assert.equal(
      Object.fromEntries(reviewLines(draft, gctx))['os:scheduler_hints'],
      'group=8d6fb3a4-0c77-4d0e-9a6f-2f4c1e0b5a11 (db-spread, anti-affinity)',
    );
    // A name two groups share: the command gives the id (a name would be refused as ambiguous).
    assert.match(bootCommandLine({ ...good, serverGroupId: groups[2]!.id }, gctx), / --hint group=2a4c6e8f-1b3d-4f5a-9c7e-0d2f4a6c8e11 /);
    assert.deepEqual(validateBoot(draft, gctx), []);
  });

  it('a group that is gone from the list is an error on its step, naming it', () => {
    const errors = validateBoot({ ...good, serverGroupId: 'gone-id' }, gctx);
    assert.deepEqual(
      errors.map((e) => [e.step, e.message]),
      [['group', 'Server group: group gone-id is not in the server group list any more; pick another, or none.']],
    );
  });
});
