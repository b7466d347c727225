'use client';
/** Several runs on one chart per series, aligned by step (`training.compare`). */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { LineChart } from '@/charts/line-chart';
import { PALETTE } from '@/charts/scales';
import { toggled } from '@/lib/form-values';
import { formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { DataTable, num } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { ErrorNote, QueryState } from '@/ui/states';

const DEFAULT_SERIES = ['train/loss', 'eval/auroc'];

export function ComparePage({ ids }: { ids: string[] }) {
  const [chosen, setChosen] = useState<string[]>(DEFAULT_SERIES);
  const compare = useQuery({
    queryKey: ['training.compare', ids],
    queryFn: () => trpc.training.compare.query({ ids, maxPoints: 500 }),
    enabled: ids.length >= 2,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'running' || r.status === 'queued') ? 3000 : false),
  });
  if (ids.length < 2) return <ErrorNote error={new Error('Pick 2 to 10 runs on the runs page to compare them.')} />;
  return (
    <QueryState query={compare} label="Aligning the runs…">
      {(data) => {
        const names = data.series.map((s) => s.name).sort();
        const label = (i: number) => data.runs[i]?.name ?? data.runs[i]?.id.slice(0, 8) ?? `run ${i + 1}`;
        return (
          <>
            <PageHead title="Compare runs" subtitle={`${data.runs.length} runs, aligned by step`} crumbs={[{ href: '/training', label: 'Training runs' }]} />
            <DataTable columns={['run', 'state', 'dataset', 'λ rank', num('final loss'), num('final AUROC')]}>
              {data.runs.map((r, i) => {
                // Stored as the trainer config (@prmbas/prm): λ lives in `loss`; absent = the default (1).
                const trainer = (r.config['trainer'] ?? {}) as { loss?: { lambdaRank?: number } };
                return (
                  <tr key={r.id}>
                    <td>
                      <i style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: PALETTE[i % PALETTE.length], marginRight: 6 }} />
                      <Link href={`/training/${r.id}`}>{label(i)}</Link>
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="small">
                      {r.dataset.name} v{r.dataset.version}
                    </td>
                    <td>{trainer.loss?.lambdaRank ?? 'default (1)'}</td>
                    <td className="num">{formatNumber(r.latestMetrics['train/loss']?.value)}</td>
                    <td className="num">{formatNumber(r.latestMetrics['eval/auroc']?.value)}</td>
                  </tr>
                );
              })}
            </DataTable>
            <div className="row small">
              <span className="muted">series</span>
              {names.map((n) => (
                <label key={n} className="check">
                  <input type="checkbox" checked={chosen.includes(n)} onChange={() => setChosen((c) => toggled(c, n))} /> {n}
                </label>
              ))}
            </div>
            <div className="grid-2">
              {data.series
                .filter((s) => chosen.includes(s.name))
                .map((s) => (
                  <div key={s.name} className="card card-tight">
                    <LineChart
                      title={s.name}
                      xLabel="step"
                      yDomain={s.name === 'eval/auroc' ? [0, 1] : undefined}
                      series={data.runs.map((_, i) => ({
                        name: label(i),
                        color: PALETTE[i % PALETTE.length],
                        points: s.rows.flatMap((row) => (row.values[i] === null || row.values[i] === undefined ? [] : [{ x: row.step, y: row.values[i] as number }])),
                      }))}
                    />
                  </div>
                ))}
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
