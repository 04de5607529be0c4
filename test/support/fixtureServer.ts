/**
 * An in-process OpenStack for contract tests: Keystone v3 (tokens), Nova (answers from the real
 * API samples under test/fixtures/nova-api-samples, picking the v2.N folder that matches the
 * requested microversion), Glance v2 and a minimal Neutron.
 *
 * It keeps a little state (servers, images, key pairs) so that commands can act and --wait can
 * poll: an action moves a server through its transitional states one GET at a time.
 * Every request is recorded; faults (status + body, dropped connections, slow answers, revoked
 * tokens) can be queued; a test can mount extra routes (FixtureOptions.extraRoutes).
 *
 * This file is the entry tests import; the parts live in ./fixture/ (server.ts: HTTP plumbing
 * and state; keystone.ts, nova*.ts, glance.ts, neutron.ts: one module per service).
 */
import { type FixtureOptions, FixtureServer } from './fixture/server.js';

export { type Fault, type RecordedRequest, type Service, HttpReply, glanceHtmlError, json, keystoneErrorBody, novaError, novaErrorBody, neutronError } from './fixture/http.js';
export { APP_CREDENTIAL } from './fixture/keystone.js';
export { SAMPLES_DIR, minor, repoRoot, sample, samplePath } from './fixture/samples.js';
export { type ExtraRoute, type FixtureOptions, FixtureServer, type KeypairState, type RouteContext, type RouteResponse, type ServerState } from './fixture/server.js';

export async function startFixtureServer(options: FixtureOptions = {}): Promise<FixtureServer> {
  return new FixtureServer(options).start();
}
