'use client';
/**
 * Who is signed in: `auth.me` (public; null when signed out). Every page below the shell reads
 * it through `useSession()`; a 401 from any query clears it (see providers.tsx), which sends the
 * user to the sign-in page.
 */
import type { TUser, TUserRole } from '@prmbas/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '@/lib/trpc';
import { roleAtLeast } from './roles';

export const SESSION_KEY = ['auth.me'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: () => trpc.auth.me.query(), staleTime: 60_000, retry: false });
}

/** The signed-in user (pages render only inside the gate, so it is always there). */
export function useSession(): { user: TUser; can: (least: TUserRole) => boolean } {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession() outside the signed-in shell');
  return { user: data.user, can: (least) => roleAtLeast(data.user.role, least) };
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => trpc.auth.signOut.mutate(),
    onSettled: () => {
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
