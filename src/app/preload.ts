import type { Managers } from '../managers/index.js';
import type { Flavor, Image } from '../managers/types.js';

/** How many images the start-up preload reads at most (a big public catalogue is not read whole). */
const IMAGE_PRELOAD_LIMIT = 500;

export interface Preloaded {
  flavors?: Flavor[];
  images?: Image[];
}

/**
 * Fills the completion caches in the background once the app is up, so Tab knows flavor and
 * image names before their screens were opened: one flavor list, at most a few image pages.
 * Failures are ignored (completion is a convenience).
 */
export async function preloadCompletion(managers: Managers): Promise<Preloaded> {
  const out: Preloaded = {};
  await Promise.all([
    managers.flavors.list({ visibility: 'all' }).then(
      (f) => (out.flavors = f),
      () => undefined,
    ),
    managers.images.list({}, { limit: IMAGE_PRELOAD_LIMIT }).then(
      (images) => {
        // A full list rewrites the cache itself; a partial one only adds what it saw.
        if (images.length >= IMAGE_PRELOAD_LIMIT) managers.cache.add('image', images);
        else managers.cache.replace('image', images);
        out.images = images;
      },
      () => undefined,
    ),
  ]);
  return out;
}
