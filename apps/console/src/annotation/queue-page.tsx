'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { trpc } from '@/lib/trpc';
import { PageHead } from '@/ui/page-head';
import { QueryState } from '@/ui/states';
import { ExportLabels } from './export-labels';
import { ItemsTable } from './items-table';
import { QueueProgress } from './queue-progress';
import { ReviewPanel } from './review-panel';

export function QueuePage({ queueId }: { queueId: string }) {
  const queue = useQuery({ queryKey: ['annotations.getQueue', queueId], queryFn: () => trpc.annotations.getQueue.query({ id: queueId }), refetchInterval: 5000 });
  return (
    <QueryState query={queue} label="Loading the queue…">
      {(q) => {
        const filter = (q.filter ?? {}) as { sources?: Array<{ kind?: string; datasetVersionId?: string }> } & { kind?: string; datasetVersionId?: string };
        const source = filter.sources?.[0] ?? filter;
        return (
          <>
            <PageHead
              title={q.name}
              subtitle={
                <>
                  {q.kind === 'steps' ? 'Steps of a dataset version: labels land on the dataset’s steps' : 'Served traces: labels go on tree nodes'}
                  {source.datasetVersionId && (
                    <>
                      {' '}
                      · <Link href={`/datasets/versions/${source.datasetVersionId}`}>the dataset version</Link>
                    </>
                  )}
                </>
              }
              crumbs={[{ href: '/annotation', label: 'Annotation' }]}
              actions={<QueueProgress progress={q.progress} />}
            />
            <ReviewPanel queue={q} />
            <ItemsTable queueId={q.id} />
            {q.kind === 'traces' && (
              <RequiresRole role="researcher" quiet>
                <ExportLabels queueId={q.id} />
              </RequiresRole>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
