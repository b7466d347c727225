/** The API's tRPC router over HTTP with an API key: the launcher seeds the demo as any client would. */
import type { AppRouter } from '@prmbas/contracts';
import { createTRPCClient, httpLink } from '@trpc/client';

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(apiUrl: string, apiKey: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${apiUrl}/trpc`, headers: () => ({ authorization: `Bearer ${apiKey}` }) })],
  });
}
