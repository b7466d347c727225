'use client';
/**
 * Client-side state for every page: one React Query cache. A 401 from any call means the session
 * ended (expired, revoked, user disabled): the cached user is cleared and the gate shows sign-in.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorInfo, isUnauthorized } from '@/lib/api-error';
import { SESSION_KEY } from '@/auth/session';

function makeClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signedOutOn(error) }),
    mutationCache: new MutationCache({ onError: (error) => signedOutOn(error) }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not change on retry; network blips and 5xx might.
        retry: (count, error) => {
          const status = errorInfo(error).status;
          return (status === null || status >= 500) && count < 2;
        },
      },
    },
  });
  function signedOutOn(error: unknown) {
    if (isUnauthorized(error)) client.setQueryData(SESSION_KEY, null);
  }
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
