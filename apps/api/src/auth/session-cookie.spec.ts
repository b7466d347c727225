import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readSessionToken, sessionCookie } from './session-cookie';

const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe('the session cookie', () => {
  it('reads the token among other cookies', () => {
    expect(readSessionToken(request('theme=dark; prmbas_session=abc_-123; other=1'))).toBe('abc_-123');
    expect(readSessionToken(request('prmbas_session_old=x'))).toBeUndefined();
    expect(readSessionToken(request('prmbas_session='))).toBeUndefined();
    expect(readSessionToken(request())).toBeUndefined();
  });

  it('is httpOnly, SameSite=Lax, and Secure only over HTTPS', () => {
    const expires = new Date(Date.now() + 3600_000);
    expect(sessionCookie('tok', expires, false)).toMatch(/^prmbas_session=tok; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(3599|3600); Expires=/);
    expect(sessionCookie('tok', expires, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toMatch(/^prmbas_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
  });
});
