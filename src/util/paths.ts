import envPaths from 'env-paths';

/** Where novash keeps its state: tokens and history (config), completion caches (cache). */
export function stateDirs(env: NodeJS.ProcessEnv = process.env): { config: string; cache: string } {
  const paths = envPaths('novash', { suffix: '' });
  return {
    config: env.NOVASH_CONFIG_DIR || paths.config,
    cache: env.NOVASH_CACHE_DIR || paths.cache,
  };
}
