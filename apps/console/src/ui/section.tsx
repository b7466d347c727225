import type { ReactNode } from 'react';

/** A page section on a card: its `<h2>`, with `aside` (counts, filters, actions) beside it in a header. */
export function Section({ title, aside, stack, children }: { title: ReactNode; aside?: ReactNode; stack?: boolean; children: ReactNode }) {
  return (
    <section className={stack ? 'card stack' : 'card'}>
      {aside === undefined ? (
        <h2>{title}</h2>
      ) : (
        <header>
          <h2>{title}</h2>
          {aside}
        </header>
      )}
      {children}
    </section>
  );
}
