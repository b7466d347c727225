'use client';
import type { TAnnotationItem } from '@prmbas/contracts';
import { useSession } from '@/auth/session';
import { formatDate } from '@/lib/format';
import { useNow } from '@/lib/use-interval';

/** Who holds the item and until when: a lock keeps two reviewers off the same item. */
export function LockNote({ item }: { item: TAnnotationItem }) {
  const { user } = useSession();
  const now = useNow(1000);
  if (!item.lock) return <span className="badge">not locked</span>;
  const mine = item.lock.holder?.id === user.id;
  const left = Math.max(0, Math.round((new Date(item.lock.expiresAt).getTime() - now) / 1000));
  return (
    <span className={`badge ${mine ? 'info' : 'warn'}`} data-testid="lock-note" title={`until ${formatDate(item.lock.expiresAt)}`}>
      locked to {mine ? 'you' : (item.lock.holder?.email ?? 'someone')} · {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} left
    </span>
  );
}
