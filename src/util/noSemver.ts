/**
 * Stands in for semver in the bundles: conf only compares versions when given migrations, which
 * novash never passes.
 */
const unsupported = (): never => {
  throw new Error('conf migrations are not bundled in novash (it uses none).');
};

export default { eq: unsupported, clean: unsupported, satisfies: unsupported, lte: unsupported, gt: unsupported };
