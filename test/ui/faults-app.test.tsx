/**
 * The app under the fault matrix, on the servers list's live refresh: every fault the proxy can
 * make of an HTTP answer (an error status, a 2xx that is not the list, a huge message). The
 * connection faults are in faults-app-transport.test.tsx (the two files run side by side).
 */
import { test } from 'node:test';
import { MATRIX_FAULTS } from '../support/faultMatrix.js';
import { pollFaultCase } from '../support/appFaults.js';

const answers = MATRIX_FAULTS.filter((f) => f.fault?.kind === 'status' || f.fault?.kind === 'replace');

for (const mf of answers) {
  test(`app under faults: servers list polls, ${mf.name}`, (t) => pollFaultCase(t, mf));
}
