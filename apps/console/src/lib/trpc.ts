'use client';
/**
 * The one tRPC client. Same-origin `/trpc` (next.config.ts proxies it to the API), so the
 * httpOnly session cookie rides along and no token ever lives in JavaScript. Only the router's
 * *type* comes from contracts: the browser never loads the server's tRPC instance.
 */
import type { AppRouter } from '@prmbas/contracts';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // Long filter inputs (traces) would exceed URL limits of proxies in a GET batch.
      maxURLLength: 4000,
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    }),
  ],
});
