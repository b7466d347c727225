'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { toggled } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { CompareLink } from '@/ui/compare-link';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { RunsTable } from './runs-table';
import { StartRunForm } from './start-run-form';

export function RunsPage() {
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useQuery({
    queryKey: ['training.find', { limit: 100 }],
    queryFn: () => trpc.training.find.query({ limit: 100 }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running' || r.status === 'queued') ? 2000 : 10_000),
  });
  return (
    <>
      <PageHead title="Training runs" subtitle="PRMs trained on dataset versions by workers, with live loss and AUROC curves." />
      <RequiresRole role="researcher" quiet>
        <Section title="Start a run">
          <StartRunForm />
        </Section>
      </RequiresRole>
      <Section title="Runs" stack aside={<CompareLink selected={selected} path="/training/compare" label={`Compare ${selected.length} runs`} hint="select 2 to 10 runs" />}>
        <QueryState query={runs} empty={<Empty>No runs yet.</Empty>}>
          {(data) => <RunsTable runs={data.items} selected={selected} onToggle={(id) => setSelected((s) => toggled(s, id, 10))} />}
        </QueryState>
      </Section>
    </>
  );
}
