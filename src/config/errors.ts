/** A problem with the user's settings: the message names the key and where it can be set. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
