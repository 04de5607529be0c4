/**
 * Stands in for ajv (and ajv-formats) in the bundles: conf only builds a validator when given a
 * schema, which novash never passes, and loading ajv costs every run that reads the token cache
 * ~10 ms and 250 KB of code.
 */
const unsupported = (): never => {
  throw new Error('conf schemas are not bundled in novash (it uses none).');
};

export class Ajv2020 {
  constructor() {
    unsupported();
  }
}

export default unsupported;
