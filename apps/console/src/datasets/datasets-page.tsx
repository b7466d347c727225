'use client';
/** All datasets, newest first, with their latest version's state; and a form to start one. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { PageHead } from '@/ui/page-head';
import { Empty, ErrorNote, Loading } from '@/ui/states';
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
        <section className="card">
          <h2>New dataset</h2>
          <CreateDatasetForm />
        </section>
      </RequiresRole>
      <section className="card stack">
        <header>
          <h2>All datasets</h2>
          <input type="search" placeholder="Filter by name" value={query} onChange={(e) => setQuery(e.target.value)} style={{ maxWidth: 260 }} aria-label="Filter datasets by name" />
        </header>
        {datasets.isPending ? (
          <Loading />
        ) : datasets.error ? (
          <ErrorNote error={datasets.error} retry={() => void datasets.refetch()} />
        ) : datasets.data.items.length === 0 ? (
          <Empty>No datasets{query ? ' match' : ' yet'}.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>name</th>
                  <th className="num">versions</th>
                  <th>latest version</th>
                  <th className="num">questions</th>
                  <th className="num">steps</th>
                  <th className="num">correct solutions</th>
                  <th className="num">labelled steps</th>
                  <th>created</th>
                </tr>
              </thead>
              <tbody>
                {datasets.data.items.map((d) => {
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
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
