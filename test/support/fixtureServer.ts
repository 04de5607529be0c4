/**
 * An in-process OpenStack for contract tests: Keystone v3 (tokens), Nova (answers from the real
 * API samples under test/fixtures/nova-api-samples, picking the v2.N folder that matches the
 * requested microversion), Glance v2 and a minimal Neutron.
 *
 * It keeps state (servers, images, key pairs; hosts, server groups, ports, floating IPs,
 * migrations, instance actions, quotas) so that commands can act and --wait can poll: an action
 * moves a server through its transitional states one GET at a time. Logins get the roles in
 * FixtureOptions.roles (or fx.roles); admin-only APIs answer Nova's 403 to a member.
 * Every request is recorded; faults (status + body, dropped connections, slow answers, revoked
 * tokens) can be queued; a test can mount extra routes (FixtureOptions.extraRoutes).
 *
 * This file is the entry tests import; the parts live in ./fixture/ (server.ts: the state and
 * test controls; router.ts: plumbing; keystone.ts, nova*.ts, glance.ts, neutron.ts: one module
 * per service or API area; state.ts: the seeds).
 */
import { type FixtureOptions, FixtureServer } from './fixture/server.js';

export {
  type Fault,
  type RecordedRequest,
  type Service,
  HttpReply,
  glanceHtmlError,
  json,
  keystoneErrorBody,
  novaError,
  novaErrorBody,
  neutronError,
} from './fixture/http.js';
export { APP_CREDENTIAL } from './fixture/keystone.js';
export { SAMPLES_DIR, minor, repoRoot, sample, samplePath } from './fixture/samples.js';
export {
  type ExtraRoute,
  type FixtureOptions,
  FixtureServer,
  type KeypairState,
  type RouteContext,
  type RouteResponse,
  type ServerState,
} from './fixture/server.js';
export {
  type ActionEvent,
  type ComputeHost,
  type FloatingIpState,
  type InstanceActionRecord,
  type MigrationState,
  type PortState,
  type SecurityGroupState,
  type ServerGroupState,
  DEFAULT_SECGROUP_ID,
  PRIVATE_NET_ID,
  PRIVATE_SUBNET_ID,
  PUBLIC_NET_ID,
  ROUTER_ID,
  WEB_SECGROUP_ID,
  WEB_SERVER_ID,
} from './fixture/state.js';

export async function startFixtureServer(options: FixtureOptions = {}): Promise<FixtureServer> {
  return new FixtureServer(options).start();
}
