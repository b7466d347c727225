'use client';
/** Traces side by side (strategies on the same question): answer, correctness, cost, beam widths, tree. */
import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDuration, formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { treeFromTrace } from '@/search-tree/tree-model';
import { TreeSvg } from '@/search-tree/tree-svg';
import { CorrectBadge } from '@/ui/badges';
import { PageHead } from '@/ui/page-head';
import { ErrorNote, Loading } from '@/ui/states';
import { TraceSolution } from './trace-solution';

export function CompareTracesPage({ ids }: { ids: string[] }) {
  const traces = useQueries({ queries: ids.map((id) => ({ queryKey: ['traces.get', id], queryFn: () => trpc.traces.get.query({ id }) })) });
  if (ids.length < 2) return <ErrorNote error={new Error('Select 2 to 4 traces on the Traces page to compare them.')} />;
  const loaded = traces.map((q) => q.data).filter((t) => t !== undefined);
  const questions = new Set(loaded.map((t) => t.questionText));
  return (
    <>
      <PageHead title="Compare traces" subtitle="Strategies side by side" crumbs={[{ href: '/traces', label: 'Traces' }]} />
      {questions.size > 1 && <div className="note">These traces answer different questions; the comparison is of cost and behaviour only.</div>}
      {loaded[0] && questions.size === 1 && <p className="card" style={{ whiteSpace: 'pre-wrap' }}>{loaded[0].questionText}</p>}
      <div className={ids.length >= 3 ? "grid-3" : "grid-2"}>
        {traces.map((q, i) =>
          q.isPending ? (
            <Loading key={ids[i]} />
          ) : q.error || !q.data ? (
            <ErrorNote key={ids[i]} error={q.error} />
          ) : (
            <section key={q.data.id} className="card stack" data-testid="compared-trace">
              <header>
                <h2>
                  <Link href={`/traces/${q.data.id}`} className="mono">
                    {q.data.deployment.name}
                  </Link>
                </h2>
                <span className="small muted">{q.data.strategy}</span>
              </header>
              <div className="row">
                <span className="muted">answer</span>
                <strong style={{ fontSize: 18 }}>{q.data.answer ?? '–'}</strong>
                <CorrectBadge correct={q.data.correct} />
                {q.data.goldAnswer !== null && <span className="small muted">gold {q.data.goldAnswer}</span>}
              </div>
              <dl className="kv small">
                <dt>beam widths</dt>
                <dd>{q.data.beamWidths.join(' → ') || '–'}</dd>
                <dt>generated steps</dt>
                <dd>{formatNumber(q.data.cost?.generatedSteps)}</dd>
                <dt>policy calls</dt>
                <dd>{formatNumber(q.data.cost?.policyCalls)}</dd>
                <dt>PRM-scored steps</dt>
                <dd>{formatNumber(q.data.cost?.prmScoredSteps)}</dd>
                <dt>latency</dt>
                <dd>{formatDuration(q.data.latencyMs)}</dd>
              </dl>
              <TraceSolution trace={q.data} />
              <TreeSvg tree={treeFromTrace(q.data)} selected={null} onSelect={() => {}} answerNode={q.data.answerNode} />
            </section>
          ),
        )}
      </div>
    </>
  );
}
