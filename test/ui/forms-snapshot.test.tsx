import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { SnapshotForm } from '../../screens/forms/index.js';
import { flat, formsCloudWithServer, KEY, mountForm } from '../support/formsFixture.js';

const NOW = () => new Date(2026, 10, 22, 9, 5);

/** The snapshot form on the sample server (new-server-test), at its Name field. */
async function snapshotSample(t: TestContext) {
  const { fx, managers, server } = await formsCloudWithServer(t, 'new-server-test');
  const m = mountForm((host) => <SnapshotForm {...host} server={server} />, managers, { width: 110, now: NOW });
  return { fx, m, frame: await m.see('› Name') };
}

describe('snapshot form', () => {
  it('takes a name and metadata, shows the request, sends it once, follows the image to active', async (t) => {
    const { fx, m, frame: details } = await snapshotSample(t);
    assert.match(details, /new-server-test-snapshot-20261122-0905/);
    m.key(KEY.enter);
    await m.see('› Metadata');
    await m.type('purpose=before-upgrade "note=two words"');
    m.key(KEY.enter);
    const frame = await m.see('createImage:');
    assert.match(frame, /name\s+new-server-test-snapshot-20261122-0905/);
    assert.match(frame, /metadata\s+purpose=before-upgrade note=two words/);
    assert.match(
      flat(frame),
      /novash image-create --metadata purpose=before-upgrade --metadata 'note=two words' --wait f5dc173b-6804-445a-a6d8-c705dad5b5eb new-server-test-snapshot-20261122-0905/,
    );
    m.key(KEY.enter);
    m.key(KEY.enter);
    await m.closes();
    const posts = fx.actions('createImage');
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.json, {
      createImage: { name: 'new-server-test-snapshot-20261122-0905', metadata: { purpose: 'before-upgrade', note: 'two words' } },
    });
    const img = fx.images.find((i) => i.name === 'new-server-test-snapshot-20261122-0905')!;
    assert.equal(img.status, 'active');
    assert.deepEqual(m.closed, [{ kind: 'image', imageId: img.id }]);
    assert.ok(m.inst.frames.some((f) => /image (queued|saving)/.test(f)));
    assert.ok(
      m.inst.frames.some((f) => /server new-server-test: ACTIVE, task image_(snapshot|uploading)/.test(f)),
      'the task state was shown',
    );
    m.inst.unmount();
  });

  it('validates the name and the metadata and sends nothing while invalid', async (t) => {
    const { fx, m } = await snapshotSample(t);
    m.key(KEY.ctrlU);
    await m.see('Name is required (1–255 characters, no leading or trailing spaces, no control characters).');
    await m.type('snap');
    m.key(KEY.down);
    await m.type('k');
    await m.see(`Metadata: 'k' is not key=value`);
    m.key(KEY.tab);
    await m.see('createImage:');
    m.key(KEY.enter);
    await m.see(`Nothing was sent: Metadata: 'k' is not key=value`);
    await m.see('› Metadata');
    assert.equal(fx.actions('createImage').length, 0);
    m.inst.unmount();
  });

  it('reports an image that ends killed, and keeps the values', async (t) => {
    const { fx, m } = await snapshotSample(t);
    m.key(KEY.tab);
    await m.see('createImage:');
    // Glance kills the image once it exists.
    fx.fail({
      method: 'GET',
      path: /\/v2\/images\/[0-9a-f-]{36}$/,
      times: 1_000_000,
      match: (req) => {
        const img = fx.imageById(req.path.split('/').pop()!);
        if (img && img.image_type === 'snapshot' && img.status !== 'active' && img.name !== 'new-server-test-snap') {
          fx.imagePending.set(String(img.id), ['killed']);
        }
        return false;
      },
    });
    m.key(KEY.enter);
    const frame = await m.see('The snapshot failed.');
    assert.match(flat(frame), /ended killed: the snapshot failed \(see the server's instance actions\)/);
    m.key('e');
    await m.see('Your values are kept');
    assert.equal(fx.actions('createImage').length, 1);
    m.inst.unmount();
  });
});
