import type { TCredential } from './session.schemas';
import type { TUser } from './user.schemas';

/**
 * Who is calling, through which credential, in which request: what every service method that
 * needs a caller receives (for permission checks and the audit log).
 */
export interface Actor {
  user: TUser;
  credential: TCredential;
  requestId: string;
}

/** What is known about an anonymous caller (sign-in records it on the session). */
export interface ClientInfo {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}
