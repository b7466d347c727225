import type { TestApi } from './test-api';

/** What a test sees of one tRPC call over HTTP (the wire format a tRPC client speaks, unbatched). */
export interface TrpcReply<T = unknown> {
  status: number;
  data: T | undefined;
  error: { message: string; code: number; data: { code: string; httpStatus: number; path?: string; param: string | null; issues: { path: string; message: string }[] | null; requestId: string | null } } | undefined;
  setCookie: string | null;
}

export interface Credentials {
  cookie?: string;
  bearer?: string;
}

function headers(credentials: Credentials = {}): Record<string, string> {
  return {
    ...(credentials.cookie ? { cookie: credentials.cookie } : {}),
    ...(credentials.bearer ? { authorization: `Bearer ${credentials.bearer}` } : {}),
  };
}

async function reply<T>(response: Response): Promise<TrpcReply<T>> {
  const body = (await response.json()) as { result?: { data: T }; error?: TrpcReply['error'] };
  return { status: response.status, data: body.result?.data, error: body.error, setCookie: response.headers.get('set-cookie') };
}

/** GET /trpc/<path>?input=<json>: a query. */
export async function trpcQuery<T = unknown>(api: TestApi, path: string, input?: unknown, credentials?: Credentials): Promise<TrpcReply<T>> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return reply<T>(await api.request(`/trpc/${path}${query}`, { headers: headers(credentials) }));
}

/** POST /trpc/<path> with the input as the JSON body: a mutation. */
export async function trpcMutation<T = unknown>(api: TestApi, path: string, input?: unknown, credentials?: Credentials): Promise<TrpcReply<T>> {
  return reply<T>(
    await api.request(`/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers(credentials) },
      body: input === undefined ? undefined : JSON.stringify(input),
    }),
  );
}

/** `name=value` of a Set-Cookie header, as a browser would send it back. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error('no Set-Cookie header');
  return setCookie.split(';')[0]!;
}
