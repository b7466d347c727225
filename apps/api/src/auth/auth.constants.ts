/** How long a browser session lasts from sign-in (then the console asks to sign in again). */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * `last_used_at` of a key and `last_seen_at` of a session move at most once per this window:
 * enough precision for "last used" in a list, without a write on every request.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 1000;
