'use client';
/** One version: provenance, numbers, freeze and export, and its questions. */
import { useQuery } from '@tanstack/react-query';
import { useSession } from '@/auth/session';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { JsonBlock } from '@/ui/json-block';
import { PageHead } from '@/ui/page-head';
import { SimNote } from '@/ui/sim-note';
import { QueryState } from '@/ui/states';
import { ExportLinks } from './export-links';
import { FreezeButton } from './freeze-button';
import { QuestionBrowser } from './question-browser';
import { versionOrigin } from './versions-table';

export function VersionPage({ datasetId, versionId }: { datasetId: string; versionId: string }) {
  const { can } = useSession();
  const version = useQuery({
    queryKey: ['datasets.getVersion', versionId],
    queryFn: () => trpc.datasets.getVersion.query({ id: versionId }),
    refetchInterval: (q) => (q.state.data?.status === 'building' ? 1500 : false),
  });
  // The version names its dataset (the URL's id is only for readable links).
  const owner = version.data?.datasetId ?? datasetId;
  const dataset = useQuery({ queryKey: ['datasets.get', owner], queryFn: () => trpc.datasets.get.query({ id: owner }), enabled: version.isSuccess });
  return (
    <QueryState query={version} label="Loading the version…">
      {(v) => {
        const stats = v.stats;
        const policy = v.header['policy'] as { kind?: string } | undefined;
        return (
          <>
            <PageHead
              title={
                <span className="row">
                  {dataset.data?.name ?? 'Dataset'} v{v.version} <StatusBadge status={v.status} />
                </span>
              }
              subtitle={`${versionOrigin(v)} · created ${formatDate(v.createdAt)} by ${v.createdBy?.email ?? '–'}${v.frozenAt ? ` · frozen ${formatDate(v.frozenAt)}` : ''}`}
              crumbs={[
                { href: '/datasets', label: 'Datasets' },
                { href: `/datasets/${v.datasetId}`, label: dataset.data?.name ?? 'dataset' },
              ]}
              actions={
                can('researcher') && (
                  <>
                    {(v.status === 'ready' || v.status === 'frozen') && <ExportLinks versionId={v.id} />}
                    <FreezeButton version={v} />
                  </>
                )
              }
            />
            {v.status === 'building' && (
              <div className="card row">
                <strong>Building</strong>
                <ProgressBar value={v.build?.progress ?? null} label="build progress" />
                <span className="small muted">
                  {v.build ? `${v.build.status} · ${Math.round((v.build.progress ?? 0) * 100)}% · attempt ${v.build.attempts}${v.build.workerId ? ` · ${v.build.workerId}` : ''}` : 'waiting for a worker'}
                </span>
              </div>
            )}
            {(v.error ?? v.build?.error) && <div className="note error">{v.error ?? v.build?.error}</div>}
            {policy?.kind === 'sim' && <SimNote>Solutions, rollouts and values of this version come from the simulated <code>sim</code> policy; questions and images are the real synth suite.</SimNote>}
            <div className="stats">
              <div className="stat"><span>questions</span><strong>{formatNumber(stats.questions)}</strong></div>
              <div className="stat"><span>solutions</span><strong>{formatNumber(stats.solutions)}</strong></div>
              <div className="stat"><span>steps</span><strong>{formatNumber(stats.steps)}</strong></div>
              <div className="stat"><span>sibling steps</span><strong>{formatNumber(stats.siblingSteps)}</strong></div>
              <div className="stat"><span>rank pairs</span><strong>{formatNumber(stats.pairs)}</strong></div>
              <div className="stat"><span>mean value</span><strong>{formatPercent(stats.meanValue)}</strong></div>
              <div className="stat"><span>correct solutions</span><strong>{formatPercent(stats.correctShare)}</strong></div>
              <div className="stat"><span>labelled steps</span><strong data-testid="labelled-steps">{formatNumber(stats.labelledSteps)}</strong></div>
            </div>
            <details className="card">
              <summary>Provenance and build report</summary>
              <div className="grid-2" style={{ marginTop: 10 }}>
                <div className="stack">
                  <h3>Header</h3>
                  <JsonBlock value={v.header} />
                </div>
                <div className="stack">
                  <h3>Report</h3>
                  <JsonBlock value={v.report ?? {}} />
                  {v.digest && <div className="small muted mono break">digest {v.digest}</div>}
                </div>
              </div>
            </details>
            <QuestionBrowser versionId={v.id} building={v.status === 'building'} />
          </>
        );
      }}
    </QueryState>
  );
}
