'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { DataTable } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { CreateEvaluationForm } from './create-evaluation-form';
import { describeEvalPrm, describeSource } from './evaluation-summary';

export function EvaluationsPage() {
  const evaluations = useQuery({
    queryKey: ['evaluations.find', { limit: 100 }],
    queryFn: () => trpc.evaluations.find.query({ limit: 100 }),
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === 'running' || e.status === 'queued') ? 2000 : false),
  });
  return (
    <>
      <PageHead title="Evaluations" subtitle="Strategies × compute budgets on the same questions: accuracy against compute, with 95% intervals." />
      <Section title="Evaluations" stack>
        <QueryState query={evaluations} empty={<Empty>No evaluations yet.</Empty>}>
          {(data) => (
            <DataTable columns={['evaluation', 'state', 'questions', 'PRM', 'series', 'created']}>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/evaluations/${e.id}`}>{e.name ?? e.id.slice(0, 8)}</Link>
                  </td>
                  <td>
                    <div className="stack" style={{ gap: 4 }}>
                      <StatusBadge status={e.status} />
                      {(e.status === 'running' || e.status === 'queued') && <ProgressBar value={e.progress} />}
                    </div>
                  </td>
                  <td className="small">{describeSource(e)}</td>
                  <td className="small">{describeEvalPrm(e)}</td>
                  <td className="small">{e.series.map((s) => `${s.name}${s.budgets.some((b) => b !== null) ? ` (${s.budgets.join(', ')})` : ''}`).join(' · ')}</td>
                  <td className="nowrap">{formatDate(e.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
      <RequiresRole role="researcher" quiet>
        <Section title="New evaluation">
          <CreateEvaluationForm />
        </Section>
      </RequiresRole>
    </>
  );
}
