import type { Actor } from '@prmbas/contracts';

/**
 * The outcome of reading a request's credential. `actor` null with `credentialError` null: nothing
 * was sent (anonymous); with a message: something was sent and rejected (the 401 says why).
 */
export interface Authentication {
  actor: Actor | null;
  credentialError: string | null;
}

export const ANONYMOUS: Authentication = Object.freeze({ actor: null, credentialError: null });

export function rejected(credentialError: string): Authentication {
  return { actor: null, credentialError };
}
