// npm pack / publish: the tarball's package.json leaves out the scripts that only make sense in a
// checkout (prepare builds dist/, which the tarball already holds; npm would flag it as an install
// script on `npm install -g novash-*.tgz`). prepack strips them, postpack puts the file back as it was.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const manifest = new URL('../package.json', import.meta.url);
const saved = new URL('../package.json.pack-orig', import.meta.url);
const CHECKOUT_ONLY = ['prepare', 'pretest', 'prepack', 'postpack'];

if (process.argv[2] === 'strip') {
  if (!existsSync(saved)) copyFileSync(manifest, saved);
  const pkg = JSON.parse(readFileSync(saved, 'utf8'));
  for (const name of CHECKOUT_ONLY) delete pkg.scripts?.[name];
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + '\n');
} else if (process.argv[2] === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
