'use client';
/** A version's questions, a page at a time (keyset cursor), with a text / id filter. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Empty, ErrorNote, Loading } from '@/ui/states';
import { ValueLegend } from '@/ui/value-chip';
import { QuestionCard } from './question-card';

const PAGE = 5;

export function QuestionBrowser({ versionId, building }: { versionId: string; building: boolean }) {
  const [query, setQuery] = useState('');
  // The cursors of the pages seen so far: back is a pop, forward a push of `nextCursor`.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const input = { versionId, limit: PAGE, ...(query.trim() ? { query: query.trim() } : {}), ...(cursor ? { cursor } : {}) };
  const page = useQuery({ queryKey: ['datasets.findQuestions', input], queryFn: () => trpc.datasets.findQuestions.query(input), refetchInterval: building ? 3000 : false });
  return (
    <section className="stack" aria-label="Questions">
      <div className="row">
        <h2>Questions</h2>
        <input
          type="search"
          placeholder="Search text or id"
          value={query}
          onChange={(e) => (setQuery(e.target.value), setCursors([undefined]))}
          style={{ maxWidth: 260 }}
          aria-label="Search questions"
        />
        <span className="right">
          <ValueLegend what="Monte-Carlo value" />
        </span>
      </div>
      {page.isPending ? (
        <Loading label="Loading questions…" />
      ) : page.error ? (
        <ErrorNote error={page.error} retry={() => void page.refetch()} />
      ) : page.data.items.length === 0 ? (
        <Empty>{building ? 'The build has not written questions yet.' : 'No questions match.'}</Empty>
      ) : (
        <>
          {page.data.items.map((q) => (
            <QuestionCard key={q.id} question={q} />
          ))}
          <div className="row">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              ← Previous
            </button>
            <span className="small muted">page {cursors.length}</span>
            <button type="button" disabled={!page.data.nextCursor} onClick={() => setCursors((c) => [...c, page.data.nextCursor ?? undefined])}>
              Next →
            </button>
          </div>
        </>
      )}
    </section>
  );
}
