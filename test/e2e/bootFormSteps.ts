import type { TmuxTerminal } from './terminal.js';

/**
 * The boot form's Source, Flavor, Networks and Key pair steps as the e2e files fill them:
 * tiny-image, m1.tiny, no network (the form starts on `none` when Neutron shows none to attach
 * to, else on `auto`), no key pair; then Tab. Returns the screen of the step after the key pair.
 */
export async function pickTinyServerWithoutNetwork(term: TmuxTerminal): Promise<string> {
  await term.waitScreen('type to filter');
  term.type('tiny-image');
  await term.waitScreen(/> .*tiny-image/);
  term.keys('Enter');
  await term.waitScreen('Quota left');
  term.type('m1.tiny');
  await term.waitScreen(/> .*m1\.tiny /);
  term.keys('Enter');
  const nets = await term.waitScreen(/none — no network at all/);
  if (!/> \(•\) none/.test(nets)) {
    term.keys('Down');
    await term.waitScreen(/> \(.\) none/);
  }
  term.keys('Enter');
  await term.waitScreen('(no key pair)');
  term.keys('Tab');
  return term.waitScreen(/ {2}Security groups: | {2}Server group: /);
}
