'use client';
/** Keyset paging of a `find` list: the cursors of the pages seen so far (back is a pop, forward a push of `nextCursor`). */
import { useState } from 'react';

export interface CursorPages {
  /** The cursor of the page shown (undefined: the first). */
  cursor: string | undefined;
  /** 1-based number of the page shown. */
  page: number;
  previous: () => void;
  next: (cursor: string) => void;
  /** Back to the first page (a new filter). */
  reset: () => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor) => setCursors((c) => [...c, cursor]),
    reset: () => setCursors([undefined]),
  };
}

export function Pager({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | null }) {
  return (
    <div className="row">
      <button type="button" disabled={pages.page === 1} onClick={pages.previous}>
        ← Previous
      </button>
      <span className="small muted">page {pages.page}</span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next →
      </button>
    </div>
  );
}
