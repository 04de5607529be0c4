import { adminOnly } from '../../src/commands/adminErrors.js';
import { useApp } from '../app/context.js';
import { useCachedAsync, type CachedAsync } from '../hooks/useCachedAsync.js';
import type { Managers } from '../../src/managers/index.js';

/**
 * An admin-only load for a screen: remembered like every list, and a member's 403 said in words
 * ("`:hypervisors` is for cloud administrators, and user demo ... has no admin role").
 */
export function useAdminData<T>(key: string, what: string, load: (m: Managers, signal: AbortSignal) => Promise<T>): CachedAsync<T> {
  const app = useApp();
  return useCachedAsync(key, (signal) => adminOnly(app.managers, what, () => load(app.managers, signal)));
}
