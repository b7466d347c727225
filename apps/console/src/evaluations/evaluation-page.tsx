'use client';
/** One evaluation: live progress while it runs, then the accuracy-vs-compute plot and its table. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { PageHead } from '@/ui/page-head';
import { SimNote } from '@/ui/sim-note';
import { Empty, ErrorNote, QueryState } from '@/ui/states';
import { AccuracyComputeChart } from './accuracy-compute-chart';
import { describeEvalPrm, describeSource } from './evaluation-summary';
import { PointsTable } from './points-table';

export function EvaluationPage({ evaluationId }: { evaluationId: string }) {
  const client = useQueryClient();
  const evaluation = useQuery({
    queryKey: ['evaluations.get', evaluationId],
    queryFn: () => trpc.evaluations.get.query({ id: evaluationId }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'running' || q.state.data.status === 'queued') ? 2000 : false),
  });
  const cancel = useMutation({
    mutationFn: () => trpc.evaluations.cancel.mutate({ id: evaluationId }),
    onSuccess: (e) => client.setQueryData(['evaluations.get', evaluationId], e),
  });
  return (
    <QueryState query={evaluation} label="Loading the evaluation…">
      {(e) => (
        <>
          <PageHead
            title={
              <span className="row">
                {e.name ?? `Evaluation ${e.id.slice(0, 8)}`} <StatusBadge status={e.status} />
              </span>
            }
            subtitle={`${describeSource(e)} · PRM: ${describeEvalPrm(e)} · seed ${e.seed} · ${formatDate(e.createdAt)} by ${e.createdBy?.email ?? '–'}`}
            crumbs={[{ href: '/evaluations', label: 'Evaluations' }]}
            actions={
              (e.status === 'queued' || e.status === 'running') && (
                <RequiresRole role="researcher" quiet>
                  <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending || e.cancelRequestedAt !== null}>
                    {e.cancelRequestedAt ? 'Cancelling…' : 'Cancel'}
                  </button>
                </RequiresRole>
              )
            }
          />
          {cancel.error && <ErrorNote error={cancel.error} />}
          {(e.policy as { kind?: string }).kind === 'sim' && <SimNote>Answers come from the simulated <code>sim</code> policy; the strategies, budgets and the PRM are real.</SimNote>}
          {(e.status === 'queued' || e.status === 'running') && (
            <div className="card row">
              <ProgressBar value={e.progress} label="evaluation progress" />
              <span className="small muted">
                {e.status} · {Math.round((e.progress ?? 0) * 100)}%{e.workerId ? ` · ${e.workerId}` : ''} · attempt {e.attempts}
              </span>
            </div>
          )}
          {e.error && <div className="note error">{e.error}</div>}
          {e.points.length === 0 ? (
            <Empty>{e.status === 'succeeded' ? 'No points.' : 'The plot appears when the evaluation has finished.'}</Empty>
          ) : (
            <>
              <section className="card" data-testid="accuracy-compute">
                <AccuracyComputeChart points={e.points} />
              </section>
              <section className="card stack">
                <h2>Table ({e.questions ?? '?'} questions)</h2>
                <PointsTable points={e.points} />
              </section>
            </>
          )}
        </>
      )}
    </QueryState>
  );
}
