'use client';
/** All datasets, newest first, with their latest version's state; and a form to start one. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { DataTable, num } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { CreateDatasetForm } from './create-dataset-form';

export function DatasetsPage() {
  const [query, setQuery] = useState('');
  const input = { query: query.trim() || undefined, limit: 100 };
  const datasets = useQuery({
    queryKey: ['datasets.find', input],
    queryFn: () => trpc.datasets.find.query(input),
    // A building version's counts grow while the worker writes them.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.latestVersion?.status === 'building') ? 2000 : false),
  });
  return (
    <>
      <PageHead title="Datasets" subtitle="Questions with sampled solutions and Monte-Carlo step values: what PRMs train on. Built from the synth suite by a worker, or uploaded as JSONL." />
      <RequiresRole role="researcher" quiet>
        <Section title="New dataset">
          <CreateDatasetForm />
        </Section>
      </RequiresRole>
      <Section
        title="All datasets"
        stack
        aside={<input type="search" placeholder="Filter by name" value={query} onChange={(e) => setQuery(e.target.value)} style={{ maxWidth: 260 }} aria-label="Filter datasets by name" />}
      >
        <QueryState query={datasets} empty={<Empty>No datasets{query ? ' match' : ' yet'}.</Empty>}>
          {(data) => (
            <DataTable columns={['name', num('versions'), 'latest version', num('questions'), num('steps'), num('correct solutions'), num('labelled steps'), 'created']}>
              {data.items.map((d) => {
                const v = d.latestVersion;
                return (
                  <tr key={d.id}>
                    <td>
                      <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                      {d.description && <div className="small muted">{d.description}</div>}
                    </td>
                    <td className="num">{d.versionCount}</td>
                    <td>
                      {v ? (
                        <div className="row">
                          <span>v{v.version}</span> <StatusBadge status={v.status} />
                          {v.status === 'building' && <ProgressBar value={v.build?.progress ?? null} label={`build of v${v.version}`} />}
                        </div>
                      ) : (
                        <span className="faint">none</span>
                      )}
                    </td>
                    <td className="num">{formatNumber(v?.stats.questions)}</td>
                    <td className="num">{formatNumber(v?.stats.steps)}</td>
                    <td className="num">{v ? formatPercent(v.stats.correctShare) : '–'}</td>
                    <td className="num">{formatNumber(v?.stats.labelledSteps)}</td>
                    <td className="nowrap">{formatDate(d.createdAt)}</td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}
