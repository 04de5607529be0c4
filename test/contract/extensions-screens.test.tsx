/**
 * The generated screen of a declared resource (screens/resources), rendered with
 * ink-testing-library against the fixture cloud's os-documents and os-aggregates: list, filter,
 * detail, create and edit through the generated form, delete only with `y`.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/client.js';
import { KeyboardProvider } from '../../screens/keys/KeyboardProvider.js';
import { ResourceScreen, resourceKeymap } from '../../screens/resources/ResourceScreen.js';
import { KEY, strip } from '../support/uiFixture.js';
import { NOVA_EXTRAS_YAML, SITE_YAML, siteCloud, type SiteExtensionOptions } from '../support/siteExtensionRoutes.js';

const tick = () => new Promise((r) => setTimeout(r, 15));

async function screen(t: TestContext, options: SiteExtensionOptions & { plural?: string; readOnly?: boolean; filter?: string } = {}) {
  process.env.NO_COLOR = '1';
  const c = await siteCloud(t, { ...options, files: [SITE_YAML, NOVA_EXTRAS_YAML] });
  c.site.addDocument(1, 'test1');
  c.site.addDocument(2, 'web-docs');
  const client = createClient({ cloud: 'devcloud', env: c.te.env });
  const manager = client.resource(options.plural ?? 'documents');
  const notes: string[] = [];
  // As in the app: one keyboard listener, handlers (un)registered during the commit.
  const el = (filter: string) => (
    <KeyboardProvider>
      <ResourceScreen
        resource={manager.resource}
        manager={manager}
        active
        width={100}
        height={20}
        filter={filter}
        readOnly={options.readOnly}
        notify={(text) => notes.push(text)}
      />
    </KeyboardProvider>
  );
  const ui = render(el(options.filter ?? ''));
  t.after(() => ui.unmount());
  const frame = () => strip(ui.lastFrame() ?? '');
  return {
    ...c,
    client,
    notes,
    frame,
    rerender: (filter: string) => ui.rerender(el(filter)),
    async press(...keys: string[]) {
      for (const k of keys) {
        ui.stdin.write(k);
        await tick();
      }
    },
    async type(text: string) {
      for (const ch of text) {
        ui.stdin.write(ch);
        await tick();
      }
    },
    async waitFor(what: string | RegExp, timeoutMs = 5000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (typeof what === 'string' ? f.includes(what) : what.test(f)) return f;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(what)}; the screen shows:\n${f}`);
        await tick();
      }
    },
  };
}

test('the list: declared columns, the filter, the footer of what this resource offers; Enter opens the detail', async (t) => {
  const ui = await screen(t);
  const f = await ui.waitFor('Documents (2)');
  assert.match(f, /ID +Name/);
  assert.match(f, /> +1 test1/);
  assert.match(f, /Enter open {3}c create {3}e edit {3}d delete {3}Ctrl-R refresh {3}Esc back/);
  ui.rerender('web');
  const filtered = await ui.waitFor('Documents (1 of 2)');
  assert.doesNotMatch(filtered, /test1/);
  ui.rerender('');
  await ui.waitFor('Documents (2)');
  await ui.press('j', KEY.enter);
  const detail = await ui.waitFor('Documents › web-docs');
  assert.match(detail, /created_at +\d{4}-/);
  assert.equal(ui.fx.count('GET', '/v2.1/os-documents/2'), 1);
  await ui.press(KEY.esc);
  await ui.waitFor('Documents (2)');
});

test('create through the generated form: each field checked as typed, the POST sent once', async (t) => {
  const ui = await screen(t);
  await ui.waitFor('Documents (2)');
  await ui.press('c');
  let f = await ui.waitFor('New document');
  assert.match(f, /^> ID\*$/m);
  assert.match(f, /^ {2}Name\*$/m);
  await ui.type('3');
  await ui.press(KEY.tab);
  await ui.type('x'.repeat(46));
  await ui.waitFor('✗ Name must be at most 45 characters (got 46)');
  await ui.press(KEY.enter);
  await tick();
  assert.equal(ui.fx.count('POST', '/v2.1/os-documents'), 0, 'a wrong field sends nothing');
  await ui.press(KEY.backspace.repeat(46));
  await ui.type('third');
  await ui.press(KEY.enter, KEY.enter, KEY.enter);
  f = await ui.waitFor('Documents › third');
  assert.deepEqual(
    ui.fx.find('POST', '/v2.1/os-documents').map((r) => r.json),
    [{ id: 3, name: 'third' }],
    'Enter pressed three times: one POST',
  );
  assert.match(f, /name +third/);
  assert.deepEqual(ui.notes, ['Created document 3.']);
  assert.equal(ui.site.liveDocument(3)?.name, 'third');
});

test('a burst typed into the form (a paste, fast typing) lands in order, field by field', async (t) => {
  const ui = await screen(t);
  await ui.waitFor('Documents (2)');
  await ui.press('c');
  await ui.waitFor('New document');
  await ui.press('7\tpasted name\r');
  await ui.waitFor('Documents › pasted name');
  assert.deepEqual(
    ui.fx.find('POST', '/v2.1/os-documents').map((r) => r.json),
    [{ id: 7, name: 'pasted name' }],
  );
});

test('edit: the form starts from the item; only what changed is sent', async (t) => {
  const ui = await screen(t);
  await ui.waitFor('Documents (2)');
  await ui.press('e');
  const f = await ui.waitFor('Edit document 1');
  assert.match(f, /Name\s+test1/);
  assert.doesNotMatch(f, /ID\*? +1/, 'the id cannot be changed');
  await ui.press(KEY.backspace.repeat(5));
  await ui.type('renamed');
  await ui.press(KEY.enter);
  await ui.waitFor('Documents › renamed');
  assert.deepEqual(
    ui.fx.find('PUT', '/v2.1/os-documents/1').map((r) => r.json),
    [{ name: 'renamed' }],
  );
});

test('delete asks, and only y deletes: Enter and n keep the item', async (t) => {
  const ui = await screen(t);
  await ui.waitFor('Documents (2)');
  await ui.press('d');
  const f = await ui.waitFor('Delete document 1 (test1)? This cannot be undone.');
  assert.match(f, /\[y\] delete {3}\[n\/Esc\/Enter\] keep it/);
  await ui.press(KEY.enter);
  await ui.waitFor(/^(?![\s\S]*This cannot be undone)/);
  await ui.press('d', 'n');
  await tick();
  assert.equal(ui.fx.count('DELETE', /os-documents/), 0);
  await ui.press('d', 'y');
  await ui.waitFor('Deleted document 1 (test1).');
  await ui.waitFor('Documents (1)');
  assert.equal(ui.fx.count('DELETE', '/v2.1/os-documents/1'), 1);
  assert.equal(ui.site.liveDocument(1), undefined);
});

test("a refusal keeps the form and its values, with the cloud's message and request id", async (t) => {
  const ui = await screen(t, { member: true });
  await ui.waitFor('Documents (2)');
  await ui.press('c');
  await ui.waitFor('New document');
  await ui.type('5');
  await ui.press(KEY.tab);
  await ui.type('mine');
  await ui.press(KEY.enter);
  const f = await ui.waitFor('The cloud refused it');
  const rid = ui.fx.last('POST', '/v2.1/os-documents')!.requestId!;
  assert.match(f, /Policy doesn't allow compute_extension:documents:create to be performed\. \(HTTP 403, request/);
  assert.ok(f.includes(rid), `the request id ${rid} is shown`);
  assert.match(f, /Name\*? +mine/, 'nothing typed is lost');
  assert.equal(ui.site.documents.length, 2);
});

test('read-only offers nothing that writes; a wrapped-body resource gets the same screen', async (t) => {
  const ro = await screen(t, { readOnly: true });
  const f = await ro.waitFor('Documents (2)');
  assert.match(f, /Enter open {3}Ctrl-R refresh {3}Esc back/);
  await ro.press('c', 'd');
  await tick();
  assert.doesNotMatch(ro.frame(), /New document|Delete document/);
  assert.deepEqual(
    resourceKeymap(ro.client.resource('documents').resource, true).map((k) => k.word),
    ['open', 'refresh', 'back'],
  );

  const agg = await screen(t, { plural: 'aggregates' });
  await agg.waitFor('Aggregates (0)');
  await agg.press('c');
  await agg.waitFor('New aggregate');
  await agg.type('rack1');
  await agg.press(KEY.tab);
  await agg.type('az1');
  await agg.press(KEY.enter);
  const shown = await agg.waitFor('Aggregates › rack1');
  assert.match(shown, /availability_zone +az1/);
  assert.deepEqual(
    agg.fx.find('POST', '/v2.1/os-aggregates').map((r) => r.json),
    [{ aggregate: { name: 'rack1', availability_zone: 'az1' } }],
  );
});
