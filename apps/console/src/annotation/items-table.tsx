'use client';
/** The queue's items by status, a page at a time: who holds a lock, who finished what, the suggested score. */
import type { TAnnotationItemStatus } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { DataTable, num } from '@/ui/data-table';
import { Pager, useCursorPages } from '@/ui/pager';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { Tabs } from '@/ui/tabs';
import { ValueChip } from '@/ui/value-chip';

type Filter = 'all' | TAnnotationItemStatus;
const PAGE = 25;

export function ItemsTable({ queueId }: { queueId: string }) {
  const [status, setStatus] = useState<Filter>('all');
  const pages = useCursorPages();
  const input = { queueId, limit: PAGE, ...(status !== 'all' ? { status } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) };
  const items = useQuery({ queryKey: ['annotations.findItems', input], queryFn: () => trpc.annotations.findItems.query(input), refetchInterval: 10_000 });
  return (
    <Section title="Items" stack aside={<span className="small muted">{PAGE} a page, in queue order</span>}>
      <Tabs
        label="Item status"
        value={status}
        onChange={(s) => (setStatus(s), pages.reset())}
        tabs={{ all: 'All', pending: 'Pending', in_progress: 'In progress', done: 'Done', skipped: 'Skipped' }}
      />
      <QueryState query={items}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <Empty>No items here.</Empty>
            ) : (
              <DataTable columns={['item', 'status', num('suggested'), 'lock', 'labels', 'completed']}>
                {data.items.map((i) => (
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
              </DataTable>
            )}
            {/* Items leave a status as they are reviewed: a page can empty out, and the way back stays. */}
            {(pages.page > 1 || data.nextCursor) && <Pager pages={pages} nextCursor={data.nextCursor} />}
          </>
        )}
      </QueryState>
    </Section>
  );
}
