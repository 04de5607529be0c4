import type { Managers } from '../managers/index.js';
import { ApiError } from '../session/errors.js';

/**
 * Nova's 403 to a member ("Policy doesn't allow os_compute_api:os-hypervisors:list to be
 * performed.") names a policy rule, not what to do about it. Said instead: what needs an
 * administrator, who was refused, and Nova's own words with the status and request id.
 */
export class AdminOnlyError extends ApiError {
  override name = 'AdminOnlyError';
  constructor(what: string, who: { text: string; admin: boolean }, cause: ApiError) {
    super(
      who.admin
        ? `${what} was refused by the cloud's policy for ${who.text}, although it has the admin role. Nova said: ${cause.message}`
        : `${what} is for cloud administrators, and ${who.text} has no admin role: use an admin's cloud (--os-cloud) or credentials. Nova said: ${cause.message}`,
      cause.status,
      cause.kind,
      cause.requestId,
      cause.method,
      cause.url,
    );
  }
}

/** "user demo in project demo", from the token the refused request was sent with. */
async function who(m: Managers): Promise<{ text: string; admin: boolean }> {
  try {
    const info = await m.session.info();
    const user = info.user ? `user ${info.user}` : 'this user';
    return { text: info.project ? `${user} in project ${info.project}` : user, admin: info.roles.includes('admin') };
  } catch {
    return { text: 'this user', admin: false };
  }
}

/** Runs an admin-only call; Nova's 403 becomes an AdminOnlyError naming `what` (e.g. "novash hypervisor-list"). */
export async function adminOnly<T>(m: Managers, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403 && !(err instanceof AdminOnlyError))
      throw new AdminOnlyError(what, await who(m), err);
    throw err;
  }
}
