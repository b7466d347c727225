'use client';
/** Served requests, newest first, filtered; pick several to compare side by side. */
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorInfo } from '@/lib/api-error';
import { toggled } from '@/lib/form-values';
import { formatDate, formatDuration } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { CorrectBadge, StatusBadge } from '@/ui/badges';
import { CompareLink } from '@/ui/compare-link';
import { DataTable, num } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { filtersToRequest, NO_FILTERS, TraceFilters } from './trace-filters';

export function TracesPage() {
  const [filters, setFilters] = useState(NO_FILTERS);
  const [selected, setSelected] = useState<string[]>([]);
  const request = { ...filtersToRequest(filters), limit: 50 };
  const traces = useInfiniteQuery({
    queryKey: ['traces.find', request],
    queryFn: ({ pageParam }) => trpc.traces.find.query({ ...request, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = traces.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string) => setSelected((s) => toggled(s, id, 4));
  return (
    <>
      <PageHead title="Traces" subtitle="Every served request: the question, the whole search tree, the answer, its cost and whether it was right (when the gold answer is known)." />
      <section className="card">
        <TraceFilters value={filters} onChange={(f) => (setFilters(f), setSelected([]))} invalidParam={traces.error ? errorInfo(traces.error).param : null} />
      </section>
      <Section title="Requests" stack aside={<CompareLink selected={selected} path="/traces/compare" label="Compare side by side" hint="select 2 to 4 traces" />}>
        <QueryState query={traces}>
          {() =>
            items.length === 0 ? (
              <Empty>No traces match. Ask a deployment in its playground, or call /v1/chat/completions.</Empty>
            ) : (
              <>
                <DataTable
                  columns={[{ label: '', ariaLabel: 'compare' }, 'when', 'deployment', 'question', 'strategy', 'answer', 'outcome', num('steps'), num('latency')]}
                >
                  {items.map((t) => (
                    <tr key={t.id} className={selected.includes(t.id) ? 'selected' : undefined}>
                      <td>
                        <input type="checkbox" checked={selected.includes(t.id)} onChange={() => toggle(t.id)} aria-label={`compare trace ${t.id}`} />
                      </td>
                      <td className="nowrap">
                        <Link href={`/traces/${t.id}`}>{formatDate(t.createdAt)}</Link>
                      </td>
                      <td className="mono small">{t.deployment.name}</td>
                      <td className="small" style={{ maxWidth: 320 }}>
                        {t.questionText.replace(/^Hint:.*?\n/s, '').slice(0, 110)}
                        {t.imageCount > 0 && <span className="faint"> · {t.imageCount} image</span>}
                      </td>
                      <td className="small">{t.strategy}</td>
                      <td>{t.answer ?? '–'}</td>
                      <td>{t.status === 'failed' ? <StatusBadge status="failed" /> : <CorrectBadge correct={t.correct} />}</td>
                      <td className="num">{t.generatedSteps ?? '–'}</td>
                      <td className="num">{formatDuration(t.latencyMs)}</td>
                    </tr>
                  ))}
                </DataTable>
                {traces.hasNextPage && (
                  <div>
                    <button type="button" onClick={() => void traces.fetchNextPage()} disabled={traces.isFetchingNextPage}>
                      {traces.isFetchingNextPage ? 'Loading…' : 'Load more'}
                    </button>
                  </div>
                )}
              </>
            )
          }
        </QueryState>
      </Section>
    </>
  );
}
