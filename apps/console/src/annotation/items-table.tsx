'use client';
/** The queue's items by status: who holds a lock, who finished what, the suggested score. */
import type { TAnnotationItemStatus } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { Empty, ErrorNote, Loading } from '@/ui/states';
import { Tabs } from '@/ui/tabs';
import { ValueChip } from '@/ui/value-chip';

type Filter = 'all' | TAnnotationItemStatus;

export function ItemsTable({ queueId }: { queueId: string }) {
  const [status, setStatus] = useState<Filter>('all');
  const input = { queueId, limit: 25, ...(status !== 'all' ? { status } : {}) };
  const items = useQuery({ queryKey: ['annotations.findItems', input], queryFn: () => trpc.annotations.findItems.query(input), refetchInterval: 10_000 });
  return (
    <section className="card stack">
      <header>
        <h2>Items</h2>
        <span className="small muted">first 25 in queue order</span>
      </header>
      <Tabs
        label="Item status"
        value={status}
        onChange={setStatus}
        tabs={[
          { id: 'all', label: 'All' },
          { id: 'pending', label: 'Pending' },
          { id: 'in_progress', label: 'In progress' },
          { id: 'done', label: 'Done' },
          { id: 'skipped', label: 'Skipped' },
        ]}
      />
      {items.isPending ? (
        <Loading />
      ) : items.error ? (
        <ErrorNote error={items.error} retry={() => void items.refetch()} />
      ) : items.data.items.length === 0 ? (
        <Empty>No items here.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>item</th>
                <th>status</th>
                <th className="num">suggested</th>
                <th>lock</th>
                <th>labels</th>
                <th>completed</th>
              </tr>
            </thead>
            <tbody>
              {items.data.items.map((i) => (
                <tr key={i.id}>
                  <td className="small" style={{ maxWidth: 360 }}>
                    {i.step ? (
                      <>
                        <span className="mono faint">{i.step.question.externalId}</span> · step {i.step.position + 1}: {i.step.text}
                      </>
                    ) : (
                      i.trace?.questionText.slice(0, 100)
                    )}
                  </td>
                  <td>
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="num">
                    <ValueChip value={i.suggestedScore} />
                  </td>
                  <td className="small">{i.lock ? `${i.lock.holder?.email ?? '?'} until ${formatDate(i.lock.expiresAt).slice(11)}` : '–'}</td>
                  <td className="small">{i.labels.map((l) => `${l.label}${l.comment ? ` (“${l.comment}”)` : ''}`).join(', ') || '–'}</td>
                  <td className="small">{i.completedBy ? `${i.completedBy.email}, ${formatDate(i.completedAt)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
