'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { DataTable } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { CreateQueueForm } from './create-queue-form';
import { QueueProgress } from './queue-progress';

export function QueuesPage() {
  const queues = useQuery({ queryKey: ['annotations.findQueues', { limit: 100 }], queryFn: () => trpc.annotations.findQueues.query({ limit: 100 }), refetchInterval: 10_000 });
  return (
    <>
      <PageHead title="Annotation" subtitle="Review queues: people label steps correct, incorrect or neutral, with the PRM's or Monte-Carlo score as a suggestion. Labels flow back into datasets." />
      <Section title="Queues" stack>
        <QueryState query={queues} empty={<Empty>No queues yet.</Empty>}>
          {(data) => (
            <DataTable columns={['queue', 'kind', 'progress', 'lock', 'created']}>
              {data.items.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link href={`/annotation/${q.id}`}>{q.name}</Link>
                    {q.description && <div className="small muted">{q.description}</div>}
                  </td>
                  <td>{q.kind === 'steps' ? 'dataset steps' : 'traces'}</td>
                  <td>
                    <QueueProgress progress={q.progress} />
                  </td>
                  <td className="small">{Math.round(q.lockTtlSeconds / 60)} min</td>
                  <td className="nowrap">
                    {formatDate(q.createdAt)}
                    <div className="small muted">{q.createdBy?.email}</div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
      <RequiresRole role="researcher" quiet>
        <Section title="New queue">
          <CreateQueueForm />
        </Section>
      </RequiresRole>
    </>
  );
}
