/**
 * The local cloud's two site extensions (scripts/devcloud/novash_site_ext.py), over raw HTTP as any
 * client sees them: os-documents (CRUD, soft delete, policy, Nova's error bodies) and
 * POST /servers/{id}/backup_instance (an image that reaches active in Glance with its description).
 * Documents get fresh random ids (deleted documents keep theirs); the servers and images made here
 * are deleted at the end, even on failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { CLOUDS_YAML, e2eEnabled, skipReason, uniqueName } from './cloud.js';

type Json = Record<string, unknown>;

interface Session {
  token: string;
  projectId: string;
  compute: string;
  image: string;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Json;
}

interface CloudEntry {
  auth: {
    auth_url: string;
    username: string;
    password: string;
    project_name: string;
    user_domain_name: string;
    project_domain_name: string;
  };
  region_name: string;
}

/** A password login to Keystone for a cloud of the devcloud's clouds.yaml; the endpoints come from the token's catalog. */
async function login(cloud: string): Promise<Session> {
  const entry = (parse(readFileSync(CLOUDS_YAML, 'utf8')) as { clouds: Record<string, CloudEntry> }).clouds[cloud];
  assert.ok(entry, `cloud ${cloud} in ${CLOUDS_YAML}`);
  const a = entry.auth;
  const res = await fetch(`${a.auth_url.replace(/\/$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: a.username, password: a.password, domain: { name: a.user_domain_name } } },
        },
        scope: { project: { name: a.project_name, domain: { name: a.project_domain_name } } },
      },
    }),
  });
  assert.equal(res.status, 201, `login as ${a.username}`);
  const token = res.headers.get('x-subject-token') ?? '';
  const body = (await res.json()) as {
    token: { project: { id: string }; catalog: { type: string; endpoints: { interface: string; region_id: string; url: string }[] }[] };
  };
  const endpoint = (type: string): string => {
    const ep = body.token.catalog
      .find((s) => s.type === type)
      ?.endpoints.find((e) => e.interface === 'public' && e.region_id === entry.region_name);
    assert.ok(ep, `${type} endpoint in the catalog`);
    return ep.url.replace(/\/$/, '');
  };
  return { token, projectId: body.token.project.id, compute: endpoint('compute'), image: endpoint('image') };
}

async function call(s: Session, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { 'X-Auth-Token': s.token, Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => {
      try {
        return JSON.parse(text) as Json;
      } catch {
        assert.fail(`${method} ${url}: HTTP ${res.status}, body is not JSON: ${text.slice(0, 300)}`);
      }
    },
  };
}

/** A compute call (path relative to the compute endpoint, /v2.1). */
function nova(s: Session, method: string, path: string, body?: unknown, microversion?: string): Promise<Answer> {
  return call(s, method, s.compute + path, body, microversion ? { 'OpenStack-API-Version': `compute ${microversion}` } : {});
}

/** Status, request ids like Nova's own answers, and for errors Nova's fault body. */
function expect(a: Answer, status: number, what: string): void {
  assert.equal(a.status, status, `${what}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
  const id = a.headers.get('x-openstack-request-id') ?? '';
  assert.match(id, /^req-[0-9a-f-]{36}$/, `${what}: x-openstack-request-id`);
  assert.equal(a.headers.get('x-compute-request-id'), id, `${what}: x-compute-request-id`);
}

const FAULT: Record<number, string> = { 400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound', 409: 'conflictingRequest' };

/** An error answer in Nova's shape: {"<fault>": {"code": N, "message": "..."}}; returns the message. */
function fault(a: Answer, status: number, what: string): string {
  expect(a, status, what);
  const body = a.json();
  const name = FAULT[status] ?? 'computeFault';
  assert.deepEqual(Object.keys(body), [name], `${what}: fault key in ${a.text}`);
  const f = body[name] as { code: unknown; message: unknown };
  assert.equal(f.code, status, `${what}: code`);
  assert.equal(typeof f.message, 'string', `${what}: message`);
  return f.message as string;
}

function accepted(a: Answer, what: string): void {
  expect(a, 202, what);
  assert.equal(a.text, '', `${what}: empty body`);
}

async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.fail(`timed out after ${seconds} s waiting for ${what}`);
}

/** A fresh id: random, so that runs never meet the ids of earlier runs' (soft-deleted) documents. */
function freshId(): number {
  return 1_000_000 + Math.floor(Math.random() * 2_000_000_000);
}

describe('site extensions of the local cloud (raw HTTP)', { skip: e2eEnabled ? false : skipReason }, () => {
  let admin: Session;
  let demo: Session;
  const docId = freshId();
  const docName = uniqueName('doc').slice(0, 45);
  const servers: string[] = [];
  const images: string[] = [];

  const docs = (s: Session) => nova(s, 'GET', '/os-documents');
  const doc = (s: Session, id: number | string) => nova(s, 'GET', `/os-documents/${id}`);
  const listed = async (s: Session): Promise<Json[]> => {
    const a = await docs(s);
    expect(a, 200, 'list');
    const body = a.json();
    assert.deepEqual(Object.keys(body), ['document'], 'the list key is the singular "document"');
    assert.ok(Array.isArray(body.document));
    return body.document as Json[];
  };

  before(async () => {
    admin = await login('devcloud');
    demo = await login('devcloud-demo');
  });

  after(async () => {
    if (!admin) return;
    await nova(admin, 'DELETE', `/os-documents/${docId}`);
    for (const id of servers) await nova(admin, 'DELETE', `/servers/${id}`);
    for (const id of images) await call(admin, 'DELETE', `${admin.image}/v2/images/${id}`);
    for (const id of servers) {
      await waitFor(`server ${id} to be deleted`, 120, async () =>
        (await nova(admin, 'GET', `/servers/${id}`)).status === 404 ? true : undefined,
      );
    }
  });

  describe('os-documents', () => {
    test('admin creates, lists, shows and renames a document: exact shapes and statuses', async () => {
      accepted(await nova(admin, 'POST', '/os-documents', { id: docId, name: docName }), 'create');

      const row = (await listed(admin)).find((d) => d.id === docId);
      assert.deepEqual(row, { id: docId, name: docName }, 'the list has id and name');

      const shown = await doc(admin, docId);
      expect(shown, 200, 'show');
      const d = shown.json().document as Json;
      assert.equal(d.id, docId);
      assert.equal(d.name, docName);
      assert.match(String(d.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'created_at is a timestamp');
      assert.equal(d.updated_at, null, 'never updated yet');
      assert.equal(d.deleted, false);

      accepted(await nova(admin, 'PUT', `/os-documents/${docId}`, { name: `${docName.slice(0, 40)}-new` }), 'update');
      const renamed = (await doc(admin, docId)).json().document as Json;
      assert.equal(renamed.name, `${docName.slice(0, 40)}-new`);
      assert.notEqual(renamed.updated_at, null, 'updated_at is set by the update');
      assert.equal(renamed.created_at, d.created_at, 'created_at is kept');
    });

    test('the same paths answer with the project id in front (v2.1 and legacy v2)', async () => {
      const withProject = await nova(admin, 'GET', `/${admin.projectId}/os-documents/${docId}`);
      expect(withProject, 200, 'show under /v2.1/{project_id}');
      assert.deepEqual(withProject.json(), (await doc(admin, docId)).json());
      const legacy = await call(admin, 'GET', `${admin.compute.replace(/\/v2\.1$/, '/v2')}/${admin.projectId}/os-documents`);
      expect(legacy, 200, 'list under /v2/{project_id}');
      assert.ok((legacy.json().document as Json[]).some((x) => x.id === docId));
      // Nova's rule for project ids in URLs: another project's id is a malformed URL.
      const other = await nova(demo, 'GET', `/${admin.projectId}/os-documents`);
      assert.match(fault(other, 400, "demo with admin's project id in the URL"), /project_id/);
    });

    test('a duplicate id is a 409 and keeps the first document', async () => {
      const msg = fault(await nova(admin, 'POST', '/os-documents', { id: docId, name: 'other' }), 409, 'duplicate id');
      assert.match(msg, new RegExp(`${docId}.*already exists`));
      assert.notEqual((await doc(admin, docId)).json().document, undefined);
      assert.notEqual(((await doc(admin, docId)).json().document as Json).name, 'other');
    });

    test('bad bodies are 400 badRequest naming what is wrong, and create nothing', async () => {
      const id = freshId();
      const cases: [unknown, RegExp][] = [
        [{ id, name: 'x'.repeat(46) }, /name.*too long/],
        [{ id }, /'name' is a required property/],
        [{ name: 'no-id' }, /'id' is a required property/],
        [{ id: String(id), name: 'a' }, /id.*not of type 'integer'/],
        [{ id: 1.5, name: 'a' }, /id.*not of type 'integer'/],
        [{ id, name: 42 }, /name.*not of type 'string'/],
        [{ id: 0, name: 'a' }, /id.*less than the minimum of 1/],
        [{ id, name: 'a', colour: 'red' }, /Additional properties are not allowed \('colour' was unexpected\)/],
        [{ document: { id, name: 'a' } }, /required property|Additional properties/],
        ['{"id": 1, "name": ', /Malformed request body/],
      ];
      for (const [body, message] of cases) {
        assert.match(fault(await nova(admin, 'POST', '/os-documents', body), 400, `create ${JSON.stringify(body)}`), message);
      }
      fault(await doc(admin, id), 404, 'nothing was created');
      assert.match(fault(await nova(admin, 'PUT', `/os-documents/${docId}`, { name: '' }), 400, 'empty name'), /too short/);
      assert.match(
        fault(await nova(admin, 'PUT', `/os-documents/${docId}`, { id: 5 }), 400, 'update without name'),
        /'name' is a required property/,
      );
      assert.notEqual(((await doc(admin, docId)).json().document as Json).name, '', 'the document kept its name');
    });

    test('unknown ids: 404 itemNotFound "Document not found" for show, update and delete', async () => {
      const expected = { itemNotFound: { code: 404, message: 'Document not found' } };
      for (const id of [freshId(), 'abc', '99999999999999999999']) {
        for (const [method, body] of [['GET'], ['PUT', { name: 'x' }], ['DELETE']] as [string, unknown?][]) {
          const a = await nova(admin, method, `/os-documents/${id}`, body);
          expect(a, 404, `${method} ${id}`);
          assert.deepEqual(a.json(), expected);
        }
      }
    });

    test('demo (member) may list and show, but create, update and delete are refused with 403 and change nothing', async () => {
      assert.ok(
        (await listed(demo)).some((d) => d.id === docId),
        'demo lists the document',
      );
      expect(await doc(demo, docId), 200, 'demo shows it');
      const original = (await doc(admin, docId)).json().document as Json;
      const refusals: [string, string, unknown, string][] = [
        ['POST', '/os-documents', { id: freshId(), name: 'by-demo' }, 'create'],
        ['PUT', `/os-documents/${docId}`, { name: 'by-demo' }, 'update'],
        ['DELETE', `/os-documents/${docId}`, undefined, 'delete'],
      ];
      for (const [method, path, body, action] of refusals) {
        const msg = fault(await nova(demo, method, path, body), 403, `demo ${action}`);
        assert.equal(msg, `Policy doesn't allow compute_extension:documents:${action} to be performed.`);
      }
      assert.deepEqual((await doc(admin, docId)).json().document, original, 'the document is unchanged');
      assert.ok(!(await listed(admin)).some((d) => d.name === 'by-demo'), 'demo created nothing');
    });

    test('delete is a soft delete: gone from the list, 404 on show, and its id stays taken', async () => {
      accepted(await nova(admin, 'DELETE', `/os-documents/${docId}`), 'delete');
      assert.ok(!(await listed(admin)).some((d) => d.id === docId), 'not listed any more');
      assert.deepEqual((await doc(admin, docId)).json(), { itemNotFound: { code: 404, message: 'Document not found' } });
      fault(await nova(admin, 'DELETE', `/os-documents/${docId}`), 404, 'deleting again');
      fault(await nova(admin, 'PUT', `/os-documents/${docId}`, { name: 'revived' }), 404, 'updating a deleted document');
      const msg = fault(await nova(admin, 'POST', '/os-documents', { id: docId, name: 'again' }), 409, 're-creating the id');
      assert.match(msg, /deleted/, 'the message says the id belongs to a deleted document');
    });
  });

  describe('POST /servers/{id}/backup_instance', () => {
    let serverId = '';

    async function server(id: string): Promise<Json> {
      const a = await nova(admin, 'GET', `/servers/${id}`);
      expect(a, 200, `show server ${id}`);
      return a.json().server as Json;
    }

    before(async () => {
      const img = await call(admin, 'GET', `${admin.image}/v2/images?name=tiny-image`);
      const imageRef = ((img.json().images as Json[])[0] ?? {}).id;
      assert.ok(imageRef, 'the seed image tiny-image');
      const boot = await nova(
        admin,
        'POST',
        '/servers',
        { server: { name: uniqueName('e2e-site'), imageRef, flavorRef: '1', networks: 'none' } },
        '2.37',
      );
      expect(boot, 202, 'boot');
      serverId = String((boot.json().server as Json).id);
      servers.push(serverId);
      await waitFor('the server to be ACTIVE', 180, async () => {
        const s = await server(serverId);
        assert.notEqual(s.status, 'ERROR', 'the server failed to build');
        return s.status === 'ACTIVE' ? s : undefined;
      });
    });

    test('makes an image through Nova that reaches active in Glance with the description', async () => {
      const name = uniqueName('e2e-backup');
      const description = "backup's description";
      const a = await nova(admin, 'POST', `/servers/${serverId}/backup_instance`, { name, description });
      expect(a, 202, 'backup_instance');
      const body = a.json();
      assert.deepEqual(Object.keys(body), ['id']);
      const imageId = String(body.id);
      assert.match(imageId, /^[0-9a-f-]{36}$/);
      images.push(imageId);
      const image = await waitFor('the image to be active', 120, async () => {
        const g = await call(admin, 'GET', `${admin.image}/v2/images/${imageId}`);
        assert.equal(g.status, 200, `glance image ${imageId}: ${g.text.slice(0, 200)}`);
        const i = g.json();
        assert.notEqual(i.status, 'killed');
        return i.status === 'active' ? i : undefined;
      });
      assert.equal(image.name, name);
      assert.equal(image.description, description, 'the description is an image property');
      assert.equal(image.instance_uuid, serverId, 'an image of this server');
      assert.ok(Number(image.size) > 0, 'with data');
    });

    test("unknown server: 404 in Nova shape; another project's server is unknown to demo", async () => {
      const missing = '00000000-0000-0000-0000-000000000000';
      const msg = fault(
        await nova(admin, 'POST', `/servers/${missing}/backup_instance`, { name: 'b', description: 'd' }),
        404,
        'unknown server',
      );
      assert.match(msg, new RegExp(missing));
      fault(
        await nova(demo, 'POST', `/servers/${serverId}/backup_instance`, { name: 'b', description: 'd' }),
        404,
        "demo on admin's server",
      );
    });

    test('bad bodies: 400 naming the field', async () => {
      const cases: [unknown, RegExp][] = [
        [{ name: 'b' }, /'description' is a required property/],
        [{ description: 'd' }, /'name' is a required property/],
        [{ name: '', description: 'd' }, /name.*too short/],
        [{ name: 'b', description: 5 }, /description.*not of type 'string'/],
        [{ name: 'b', description: 'd', rotation: 2 }, /Additional properties are not allowed/],
      ];
      for (const [body, message] of cases) {
        assert.match(fault(await nova(admin, 'POST', `/servers/${serverId}/backup_instance`, body), 400, JSON.stringify(body)), message);
      }
    });

    test('a server that cannot be imaged (vm_state error): 409 conflictingRequest, no image', async () => {
      // The first backup's snapshot must be over (task_state back to none) before the state reset.
      await waitFor('the snapshot task to end', 120, async () =>
        (await server(serverId))['OS-EXT-STS:task_state'] == null ? true : undefined,
      );
      accepted(await nova(admin, 'POST', `/servers/${serverId}/action`, { 'os-resetState': { state: 'error' } }), 'reset state');
      const name = uniqueName('e2e-refused');
      const msg = fault(
        await nova(admin, 'POST', `/servers/${serverId}/backup_instance`, { name, description: 'd' }),
        409,
        'server in error',
      );
      assert.match(msg, /Cannot 'backup_instance' instance .* while it is in vm_state error/);
      const found = await call(admin, 'GET', `${admin.image}/v2/images?name=${name}`);
      assert.deepEqual(found.json().images, [], 'no image was made');
    });
  });
});
