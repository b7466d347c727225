'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { trpc } from '@/lib/trpc';
import { PageHead } from '@/ui/page-head';
import { Empty, ErrorNote, Loading } from '@/ui/states';
import { RunsTable } from './runs-table';
import { StartRunForm } from './start-run-form';

export function RunsPage() {
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useQuery({
    queryKey: ['training.find', { limit: 100 }],
    queryFn: () => trpc.training.find.query({ limit: 100 }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running' || r.status === 'queued') ? 2000 : 10_000),
  });
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-10)));
  return (
    <>
      <PageHead title="Training runs" subtitle="PRMs trained on dataset versions by workers, with live loss and AUROC curves." />
      <RequiresRole role="researcher" quiet>
        <section className="card">
          <h2>Start a run</h2>
          <StartRunForm />
        </section>
      </RequiresRole>
      <section className="card stack">
        <header>
          <h2>Runs</h2>
          <div className="row">
            <span className="small muted">{selected.length} selected</span>
            {selected.length >= 2 ? (
              <Link className="button small primary" href={`/training/compare?ids=${selected.join(',')}`}>
                Compare {selected.length} runs
              </Link>
            ) : (
              <button type="button" className="small" disabled title="select 2 to 10 runs">
                Compare
              </button>
            )}
          </div>
        </header>
        {runs.isPending ? (
          <Loading />
        ) : runs.error ? (
          <ErrorNote error={runs.error} retry={() => void runs.refetch()} />
        ) : runs.data.items.length === 0 ? (
          <Empty>No runs yet.</Empty>
        ) : (
          <RunsTable runs={runs.data.items} selected={selected} onToggle={toggle} />
        )}
      </section>
    </>
  );
}
