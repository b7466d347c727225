/**
 * The table every list uses: a scrolling frame, one header row from `columns`, the rows as
 * children. A column is its label, `num(label)` for a right-aligned number, `{ label: '', ariaLabel }`
 * for a control column, or `false` to leave it out (`allOwners && 'owner'`).
 */
import type { ReactNode } from 'react';

export type Column = string | { label: string; num?: boolean; ariaLabel?: string } | false;

export function num(label: string): Column {
  return { label, num: true };
}

export function DataTable({ columns, children, className, testId }: { columns: Column[]; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div className="table-wrap">
      <table className={className} data-testid={testId}>
        <thead>
          <tr>
            {columns
              .filter((c) => c !== false)
              .map((c, i) =>
                typeof c === 'string' ? (
                  <th key={i}>{c}</th>
                ) : (
                  <th key={i} className={c.num ? 'num' : undefined} aria-label={c.ariaLabel}>
                    {c.label}
                  </th>
                ),
              )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
