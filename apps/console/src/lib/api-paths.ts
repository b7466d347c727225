/**
 * The API returns REST paths relative to its own origin (`/datasets/questions/…/images/0`). The
 * console proxies those under `/api` (next.config.ts), because the same paths are console pages.
 */
export function apiPath(path: string): string {
  return `/api${path.startsWith('/') ? path : `/${path}`}`;
}
