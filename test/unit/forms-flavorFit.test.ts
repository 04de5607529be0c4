import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootFitReason, bootFitReasons, isCurrentFlavor, rebuildImageReason, resizeFitReason } from '../../src/forms/flavorFit.js';
import { absolute } from '../../src/managers/limits.js';

const flavor = (name: string, vcpus: number, ram: number, disk: number, extra: { id?: string; disabled?: boolean } = {}) => ({
  id: extra.id ?? name,
  name,
  vcpus,
  ram,
  disk,
  disabled: extra.disabled ?? false,
});
const limits = (cores: [number, number], ram: [number, number]) => ({ cores: absolute(cores[0], cores[1]), ram: absolute(ram[0], ram[1]) });

describe('forms: flavor fit for boot', () => {
  const tiny = flavor('m1.tiny', 1, 512, 1);
  const large = flavor('m1.large', 4, 8192, 80);
  it('fits when there is no quota and no image constraint', () => {
    assert.deepEqual(bootFitReasons(large, { count: 1 }), []);
  });
  it('counts vCPUs and RAM times the count against the remaining quota', () => {
    const l = limits([20, 16], [51200, 0]);
    assert.equal(bootFitReason(large, { count: 1, limits: l }), undefined);
    assert.equal(bootFitReason(large, { count: 2, limits: l }), 'needs 2 x 4 vCPUs, quota has 4 left');
    const lowRam = limits([-1, 0], [10000, 2000]);
    assert.equal(bootFitReason(large, { count: 1, limits: lowRam }), 'needs 8192 MiB RAM, quota has 8000 MiB left');
    assert.equal(bootFitReason(tiny, { count: 15, limits: lowRam }), undefined);
    assert.equal(bootFitReason(tiny, { count: 16, limits: lowRam }), 'needs 16 x 512 MiB RAM, quota has 8000 MiB left');
  });
  it('treats -1 (unlimited) as no limit', () => {
    assert.equal(bootFitReason(large, { count: 50, limits: limits([-1, 99], [-1, 99]) }), undefined);
  });
  it('refuses a flavor disk below the image min_disk only when both are > 0', () => {
    const img = { name: 'big', minDisk: 20, minRam: 0 };
    assert.equal(bootFitReason(tiny, { count: 1, image: img }), 'disk 1 GB < image min_disk 20 GB');
    assert.equal(bootFitReason(flavor('zero', 1, 512, 0), { count: 1, image: img }), undefined);
    assert.equal(bootFitReason(tiny, { count: 1, image: { name: 'i', minDisk: 0, minRam: 0 } }), undefined);
  });
  it('refuses RAM below the image min_ram', () => {
    assert.equal(bootFitReason(tiny, { count: 1, image: { name: 'i', minDisk: 0, minRam: 1024 } }), 'RAM 512 MiB < image min_ram 1024 MiB');
  });
  it('gives every reason at once, and says when the flavor is disabled', () => {
    const r = bootFitReasons(flavor('old', 2, 512, 1, { disabled: true }), {
      count: 1,
      limits: limits([1, 0], [-1, 0]),
      image: { name: 'i', minDisk: 10, minRam: 1024 },
    });
    assert.deepEqual(r, [
      'flavor is disabled',
      'needs 2 vCPUs, quota has 1 left',
      'disk 1 GB < image min_disk 10 GB',
      'RAM 512 MiB < image min_ram 1024 MiB',
    ]);
  });
});

describe('forms: flavor fit for resize', () => {
  const small = flavor('m1.small', 1, 2048, 20, { id: '2' });
  const medium = flavor('m1.medium', 2, 4096, 40, { id: '3' });
  const tiny = flavor('m1.tiny', 1, 512, 1, { id: '1' });
  it('marks the current flavor, by id before 2.47 and by name from 2.47', () => {
    assert.equal(isCurrentFlavor(small, { id: '2' }), true);
    assert.equal(isCurrentFlavor(small, { name: 'm1.small', vcpus: 1 }), true);
    assert.equal(resizeFitReason(small, { current: { id: '2' } }), 'current flavor');
  });
  it('counts only the growth against the quota', () => {
    const current = { name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 };
    assert.equal(resizeFitReason(medium, { current, limits: limits([2, 1], [10000, 7000]) }), undefined);
    assert.equal(
      resizeFitReason(medium, { current, limits: limits([2, 2], [10000, 9000]) }),
      'needs 1 more vCPU, quota has 0 left; needs 2048 MiB more RAM, quota has 1000 MiB left',
    );
  });
  it('refuses shrinking the disk and zero-disk flavors', () => {
    const current = { name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 };
    assert.equal(resizeFitReason(tiny, { current }), 'disk 1 GB < current 20 GB (disks cannot shrink)');
    assert.equal(resizeFitReason(flavor('z', 1, 2048, 0), { current }), 'root disk 0 GB: Nova does not resize to a zero-disk flavor');
  });
});

describe('forms: image fit for rebuild', () => {
  it('refuses inactive images and images whose minimums exceed the flavor', () => {
    assert.equal(rebuildImageReason({ status: 'queued', minDisk: 0, minRam: 0 }, { disk: 1, ram: 512 }), 'image is queued');
    assert.equal(
      rebuildImageReason({ status: 'active', minDisk: 10, minRam: 0 }, { disk: 1, ram: 512 }),
      'disk 1 GB < image min_disk 10 GB',
    );
    assert.equal(rebuildImageReason({ status: 'active', minDisk: 1, minRam: 512 }, { disk: 1, ram: 512 }), undefined);
    assert.equal(rebuildImageReason({ status: 'active', minDisk: 10, minRam: 4096 }, {}), undefined);
  });
});
