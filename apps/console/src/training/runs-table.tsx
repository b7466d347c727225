'use client';
/** Runs, newest first: state, progress, lineage, hardware and the newest loss / AUROC; pick some to compare. */
import type { TTrainingRun } from '@prmbas/contracts';
import Link from 'next/link';
import { formatDate, formatDuration, formatNumber } from '@/lib/format';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { DataTable, num } from '@/ui/data-table';

export function runKind(run: TTrainingRun): string {
  const model = run.config['model'] as { kind?: string } | undefined;
  return model?.kind ?? '–';
}

export function RunsTable({ runs, selected, onToggle }: { runs: TTrainingRun[]; selected: string[]; onToggle: (id: string) => void }) {
  return (
    <DataTable
      columns={[{ label: '', ariaLabel: 'compare' }, 'run', 'state', 'dataset', 'model kind', 'worker / backend', num('loss'), num('AUROC'), num('duration'), 'created']}
    >
      {runs.map((run) => (
        <tr key={run.id} className={selected.includes(run.id) ? 'selected' : undefined}>
          <td>
            <input type="checkbox" checked={selected.includes(run.id)} onChange={() => onToggle(run.id)} aria-label={`compare ${run.name ?? run.id}`} />
          </td>
          <td>
            <Link href={`/training/${run.id}`}>{run.name ?? run.id.slice(0, 8)}</Link>
            {run.modelVersion && (
              <div className="small">
                → <Link href={`/models/${run.modelVersion.id}`}>{run.modelVersion.name} v{run.modelVersion.version}</Link>
              </div>
            )}
          </td>
          <td>
            <div className="stack" style={{ gap: 4 }}>
              <StatusBadge status={run.status} />
              {(run.status === 'running' || run.status === 'queued') && (
                <>
                  <ProgressBar value={run.progress} label={`progress of ${run.name ?? run.id}`} />
                  <span className="small muted">
                    step {run.step ?? 0}/{run.totalSteps ?? '?'}
                  </span>
                </>
              )}
            </div>
          </td>
          <td className="small">
            <Link href={`/datasets/${run.dataset.id}/versions/${run.dataset.versionId}`}>
              {run.dataset.name} v{run.dataset.version}
            </Link>
          </td>
          <td className="mono small">{runKind(run)}</td>
          <td className="small">
            {run.worker ? (
              <>
                <span className="mono">{run.worker.id}</span>
                <div className="muted">
                  {run.backend ?? run.worker.backend}
                  {run.worker.gpu ? ' · GPU' : ''}
                </div>
              </>
            ) : (
              <span className="muted">{run.backend ?? 'not started'}</span>
            )}
          </td>
          <td className="num">{formatNumber(run.latestMetrics['train/loss']?.value)}</td>
          <td className="num">{formatNumber(run.latestMetrics['eval/auroc']?.value)}</td>
          <td className="num">{formatDuration(run.durationMs)}</td>
          <td className="nowrap">{formatDate(run.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
