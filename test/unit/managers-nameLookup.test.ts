import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networksText } from '../../src/managers/nameLookup.js';
import { toServer } from '../../src/managers/servers.js';

function withAddresses(addresses: Record<string, string[]>) {
  const nova = Object.fromEntries(Object.entries(addresses).map(([net, list]) => [net, list.map((addr) => ({ addr, version: 4 }))]));
  return toServer({ id: 'a1', name: 'vm1', status: 'ACTIVE', addresses: nova } as never);
}

test("networksText: as the openstack CLI prints a server's Networks (networks by name, addresses as text, in order)", () => {
  // Nova's order: ports in attach order, the floating address last.
  const s = withAddresses({ 'demo-net': ['10.0.0.201', '10.0.0.148', '203.0.113.140'], b2: ['10.1.0.9'], a1: ['fd00::5', '10.2.0.3'] });
  assert.equal(networksText(s), 'a1=10.2.0.3, fd00::5; b2=10.1.0.9; demo-net=10.0.0.148, 10.0.0.201, 203.0.113.140');
  assert.deepEqual(
    s.addresses.map((a) => a.addr),
    ['10.0.0.201', '10.0.0.148', '203.0.113.140', '10.1.0.9', 'fd00::5', '10.2.0.3'],
    "the server's own data keeps Nova's order",
  );
  assert.equal(networksText(withAddresses({})), '');
});
