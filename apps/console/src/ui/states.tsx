'use client';
/** Loading, error and empty states: every query on every page renders through these. */
import type { ReactNode } from 'react';
import { errorInfo } from '@/lib/api-error';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {label}
    </div>
  );
}

export function ErrorNote({ error, retry, title }: { error: unknown; retry?: () => void; title?: string }) {
  const info = errorInfo(error);
  return (
    <div className="note error" role="alert">
      <div className="row">
        <strong>{title ?? (info.status ? `Error ${info.status}` : 'Error')}</strong>
        {retry && (
          <button type="button" className="small right" onClick={retry}>
            Retry
          </button>
        )}
      </div>
      <div className="break">
        {info.message}
        {info.param && (
          <>
            {' '}
            (field <code>{info.param}</code>)
          </>
        )}
      </div>
      {info.requestId && <div className="small faint">request id {info.requestId}</div>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/**
 * Renders a query's states: Loading, an ErrorNote with a retry, `empty` for a page of a list
 * (`{ items }`) with no items, and else `children` with the data.
 */
export function QueryState<T>({
  query,
  children,
  label,
  empty,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  label?: string;
  /** Shown instead of `children` when the page has no items (e.g. `<Empty>No runs yet.</Empty>`). */
  empty?: T extends { items: readonly unknown[] } ? ReactNode : never;
}) {
  if (query.isPending) return <Loading label={label} />;
  if (query.error || query.data === undefined) return <ErrorNote error={query.error ?? new Error('No data')} retry={() => void query.refetch()} />;
  if (empty !== undefined && (query.data as { items?: readonly unknown[] }).items?.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
