/**
 * The app under the fault matrix, on the servers list's live refresh: the faults of the connection
 * and of the body (refused, reset, no headers, stalled, endless, huge). The HTTP answers are in
 * faults-app.test.tsx.
 */
import { test } from 'node:test';
import { MATRIX_FAULTS } from '../support/faultMatrix.js';
import { pollFaultCase } from '../support/appFaults.js';

const transport = MATRIX_FAULTS.filter((f) => !(f.fault?.kind === 'status' || f.fault?.kind === 'replace'));

for (const mf of transport) {
  test(`app under faults: servers list polls, ${mf.name}`, (t) => pollFaultCase(t, mf));
}
