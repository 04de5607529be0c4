/**
 * Stands in for http2-wrapper in the one-shot bundle: got only touches it with `http2: true`,
 * which novash never sets, and loading it (with node:http2 and TLS) costs every run ~10 ms.
 */
const unsupported = (): never => {
  throw new Error('HTTP/2 is not enabled in novash.');
};
export default { auto: unsupported, globalAgent: undefined };
