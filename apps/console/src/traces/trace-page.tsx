'use client';
/** One served request: question, answer vs gold, cost, the search tree with per-step PRM scores. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiPath } from '@/lib/api-paths';
import { formatDate, formatDuration, formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { SearchTreePanel } from '@/search-tree/search-tree-panel';
import { treeFromTrace } from '@/search-tree/tree-model';
import { CorrectBadge, StatusBadge } from '@/ui/badges';
import { JsonBlock } from '@/ui/json-block';
import { PageHead } from '@/ui/page-head';
import { QueryState } from '@/ui/states';
import { RerunForm } from './rerun-form';
import { TraceSolution } from './trace-solution';

export function TracePage({ traceId }: { traceId: string }) {
  const trace = useQuery({ queryKey: ['traces.get', traceId], queryFn: () => trpc.traces.get.query({ id: traceId }) });
  return (
    <QueryState query={trace} label="Loading the trace…">
      {(t) => (
        <>
          <PageHead
            title={
              <span className="row">
                Trace {t.id.slice(0, 8)} <StatusBadge status={t.status} /> <CorrectBadge correct={t.correct} />
              </span>
            }
            subtitle={
              <>
                <Link href={`/deployments/${t.deployment.id}`} className="mono">
                  {t.deployment.name}
                </Link>{' '}
                · {t.strategy} · {formatDate(t.createdAt)} · {t.apiKeyId ? 'API key' : 'console session'}
              </>
            }
            crumbs={[{ href: '/traces', label: 'Traces' }]}
          />
          {t.error && <div className="note error">{t.error}</div>}
          <div className="grid-2">
            <section className="card stack">
              <h2>Question</h2>
              <div className="row" style={{ alignItems: 'flex-start' }}>
                {t.images.map((image) => (
                  <img key={image.position} className="question-image" style={{ width: 220 }} src={apiPath(image.url)} alt={`image ${image.position + 1}`} />
                ))}
                <p style={{ whiteSpace: 'pre-wrap', flex: 1, minWidth: 200 }}>{t.questionText}</p>
              </div>
            </section>
            <section className="card stack">
              <h2>Answer</h2>
              <div className="row">
                <strong style={{ fontSize: 20 }}>{t.answer ?? '–'}</strong>
                <CorrectBadge correct={t.correct} />
                {t.goldAnswer !== null && <span className="muted">gold {t.goldAnswer}</span>}
              </div>
              <TraceSolution trace={t} />
              <div className="stats">
                <div className="stat"><span>generated steps</span><strong>{formatNumber(t.cost?.generatedSteps)}</strong></div>
                <div className="stat"><span>policy calls</span><strong>{formatNumber(t.cost?.policyCalls)}</strong></div>
                <div className="stat"><span>PRM-scored steps</span><strong>{formatNumber(t.cost?.prmScoredSteps)}</strong></div>
                <div className="stat"><span>latency</span><strong>{formatDuration(t.latencyMs)}</strong></div>
              </div>
              <div className="small muted">
                beam widths {t.beamWidths.join(' → ') || '–'} · PRM version{' '}
                {t.prmModelVersionId ? <Link href={`/models/${t.prmModelVersionId}`}>{t.prmModelVersionId.slice(0, 8)}</Link> : 'none'}
              </div>
            </section>
          </div>
          <section className="card stack">
            <h2>Search tree</h2>
            <SearchTreePanel tree={treeFromTrace(t)} answerNode={t.answerNode} />
          </section>
          <section className="card stack">
            <h2>Compare strategies on this question</h2>
            <RerunForm trace={t} />
          </section>
          <details className="card">
            <summary>Request parameters (complete search config, overrides, answer format)</summary>
            <div style={{ marginTop: 10 }}>
              <JsonBlock value={t.params ?? {}} maxHeight={400} />
            </div>
          </details>
        </>
      )}
    </QueryState>
  );
}
