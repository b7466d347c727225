'use client';
/** A version's questions, a page at a time (keyset cursor), with a text / id filter. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Pager, useCursorPages } from '@/ui/pager';
import { Empty, QueryState } from '@/ui/states';
import { ValueLegend } from '@/ui/value-chip';
import { QuestionCard } from './question-card';

const PAGE = 5;

export function QuestionBrowser({ versionId, building }: { versionId: string; building: boolean }) {
  const [query, setQuery] = useState('');
  const pages = useCursorPages();
  const input = { versionId, limit: PAGE, ...(query.trim() ? { query: query.trim() } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) };
  const page = useQuery({ queryKey: ['datasets.findQuestions', input], queryFn: () => trpc.datasets.findQuestions.query(input), refetchInterval: building ? 3000 : false });
  return (
    <section className="stack" aria-label="Questions">
      <div className="row">
        <h2>Questions</h2>
        <input
          type="search"
          placeholder="Search text or id"
          value={query}
          onChange={(e) => (setQuery(e.target.value), pages.reset())}
          style={{ maxWidth: 260 }}
          aria-label="Search questions"
        />
        <span className="right">
          <ValueLegend what="Monte-Carlo value" />
        </span>
      </div>
      <QueryState query={page} label="Loading questions…" empty={<Empty>{building ? 'The build has not written questions yet.' : 'No questions match.'}</Empty>}>
        {(data) => (
          <>
            {data.items.map((q) => (
              <QuestionCard key={q.id} question={q} />
            ))}
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </QueryState>
    </section>
  );
}
