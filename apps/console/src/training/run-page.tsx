'use client';
/** One run: live curves (SSE), who ran it on what, lineage to its dataset version and model version. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { describeRequirements } from '@/jobs/requirements-fields';
import { formatDate, formatDuration } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { JsonBlock } from '@/ui/json-block';
import { PageHead } from '@/ui/page-head';
import { QueryState } from '@/ui/states';
import { CancelRunButton } from './cancel-run-button';
import { RunCharts } from './run-charts';
import { runKind } from './runs-table';
import { useRunMetrics } from './use-run-metrics';

export function RunPage({ runId }: { runId: string }) {
  const client = useQueryClient();
  const run = useQuery({
    queryKey: ['training.get', runId],
    queryFn: () => trpc.training.get.query({ id: runId }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'running' || q.state.data.status === 'queued') ? 3000 : false),
  });
  const metrics = useRunMetrics(runId, () => void client.invalidateQueries({ queryKey: ['training.get', runId] }));
  return (
    <QueryState query={run} label="Loading the run…">
      {(r) => {
        const live = metrics.status ?? { status: r.status, progress: r.progress, step: r.step, totalSteps: r.totalSteps, error: r.error };
        return (
          <>
            <PageHead
              title={
                <span className="row">
                  {r.name ?? `Run ${r.id.slice(0, 8)}`} <StatusBadge status={live.status} />
                </span>
              }
              subtitle={`${runKind(r)} PRM on ${r.dataset.name} v${r.dataset.version} · started by ${r.createdBy?.email ?? '–'} ${formatDate(r.createdAt)}`}
              crumbs={[{ href: '/training', label: 'Training runs' }]}
              actions={
                <RequiresRole role="researcher" quiet>
                  <CancelRunButton run={r} />
                </RequiresRole>
              }
            />
            <div className="card row" data-testid="run-progress">
              <ProgressBar value={live.progress} label="training progress" />
              <span>
                step <strong>{live.step ?? 0}</strong> / {live.totalSteps ?? '?'}
              </span>
              <span className="small muted">
                {metrics.mode === 'stream' ? 'live (server-sent events)' : metrics.mode === 'polling' ? 'live (polling)' : metrics.mode === 'done' ? 'all points received' : 'connecting…'}
              </span>
            </div>
            {(live.error ?? r.error) && <div className="note error">{live.error ?? r.error}</div>}
            <RunCharts series={metrics.series} />
            <div className="grid-2">
              <section className="card">
                <h2>Where it ran</h2>
                <dl className="kv">
                  <dt>asked for</dt>
                  <dd>{describeRequirements(r.requirements)}</dd>
                  <dt>worker</dt>
                  <dd className="mono" data-testid="run-worker">{r.worker ? `${r.worker.id} (${r.worker.hostname})` : '–'}</dd>
                  <dt>backend</dt>
                  <dd data-testid="run-backend">
                    {r.backend ?? '–'}
                    {r.worker?.gpu ? ' · GPU' : ''}
                  </dd>
                  <dt>job</dt>
                  <dd>{r.job ? `${r.job.queue} · ${r.job.status} · attempt ${r.job.attempts}` : '–'}</dd>
                  <dt>started</dt>
                  <dd>{formatDate(r.startedAt)}</dd>
                  <dt>finished</dt>
                  <dd>{formatDate(r.finishedAt)}</dd>
                  <dt>duration</dt>
                  <dd>{formatDuration(r.durationMs)}</dd>
                </dl>
              </section>
              <section className="card">
                <h2>Lineage</h2>
                <dl className="kv">
                  <dt>dataset version</dt>
                  <dd>
                    <Link href={`/datasets/${r.dataset.id}/versions/${r.dataset.versionId}`}>
                      {r.dataset.name} v{r.dataset.version}
                    </Link>{' '}
                    ({r.dataset.recordCount} records, {r.dataset.status})
                  </dd>
                  <dt>digest</dt>
                  <dd className="mono small">{r.dataset.digest?.slice(0, 16) ?? '–'}</dd>
                  <dt>model version</dt>
                  <dd>
                    {r.modelVersion ? (
                      <Link href={`/models/${r.modelVersion.id}`} data-testid="run-model-version">
                        {r.modelVersion.name} v{r.modelVersion.version}
                      </Link>
                    ) : (
                      <span className="muted">registered when the run succeeds</span>
                    )}
                  </dd>
                </dl>
              </section>
            </div>
            <details className="card">
              <summary>Stored config</summary>
              <div style={{ marginTop: 10 }}>
                <JsonBlock value={r.config} maxHeight={400} />
              </div>
            </details>
          </>
        );
      }}
    </QueryState>
  );
}
