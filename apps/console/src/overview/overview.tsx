'use client';
/** The landing page: where each part of the loop stands, with links into it. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { trpc } from '@/lib/trpc';
import { formatDate } from '@/lib/format';
import { StatusBadge } from '@/ui/badges';
import { DataTable, num } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { QueryState } from '@/ui/states';

function Count({ label, href, query }: { label: string; href: string; query: { data?: string; isPending: boolean; error: unknown } }) {
  return (
    <Link href={href} className="stat" style={{ color: 'inherit' }}>
      <span>{label}</span>
      <strong>{query.isPending ? '…' : query.error ? '!' : query.data}</strong>
    </Link>
  );
}

export function Overview() {
  const datasets = useQuery({ queryKey: ['datasets.find', {}], queryFn: () => trpc.datasets.find.query({}) });
  const runs = useQuery({ queryKey: ['training.find', {}], queryFn: () => trpc.training.find.query({}) });
  const models = useQuery({ queryKey: ['models.find', {}], queryFn: () => trpc.models.find.query({}) });
  const deployments = useQuery({ queryKey: ['deployments.find', {}], queryFn: () => trpc.deployments.find.query({}) });
  const queues = useQuery({ queryKey: ['annotations.findQueues', {}], queryFn: () => trpc.annotations.findQueues.query({}) });
  const jobs = useQuery({ queryKey: ['jobs.find', { limit: 8 }], queryFn: () => trpc.jobs.find.query({ limit: 8 }), refetchInterval: 5000 });
  // One page of each list: "50+" when there are more.
  const n = <T,>(q: { data?: { items: T[]; nextCursor: string | null }; isPending: boolean; error: unknown }) => ({
    data: q.data ? `${q.data.items.length}${q.data.nextCursor ? '+' : ''}` : undefined,
    isPending: q.isPending,
    error: q.error,
  });
  return (
    <>
      <PageHead title="Overview" subtitle="The loop: questions → Monte-Carlo step values → PRM training → model version → deployment → traces → review → labels back into datasets." />
      <div className="stats">
        <Count label="Datasets" href="/datasets" query={n(datasets)} />
        <Count label="Training runs" href="/training" query={n(runs)} />
        <Count label="Model versions" href="/models" query={n(models)} />
        <Count label="Deployments" href="/deployments" query={n(deployments)} />
        <Count label="Annotation queues" href="/annotation" query={n(queues)} />
      </div>
      <Section title="Recent jobs" aside={<span className="small muted">dataset builds, training, evaluations (refreshes every 5 s)</span>}>
        <QueryState query={jobs} empty={<p className="muted">No jobs yet. Build a dataset to start.</p>}>
          {(data) => (
            <DataTable columns={['kind', 'status', num('progress'), 'worker', 'created']}>
              {data.items.map((job) => (
                <tr key={job.id}>
                  <td className="mono">{job.kind}</td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td className="num">{job.progress === null ? '–' : `${Math.round(job.progress * 100)}%`}</td>
                  <td className="mono small">{job.workerId ?? '–'}</td>
                  <td className="nowrap">{formatDate(job.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}
