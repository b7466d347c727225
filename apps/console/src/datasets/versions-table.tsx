'use client';
/** A dataset's versions, newest first: state, live build progress, numbers, actions. */
import type { TDatasetVersion } from '@prmbas/contracts';
import Link from 'next/link';
import { useSession } from '@/auth/session';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { ProgressBar, StatusBadge } from '@/ui/badges';
import { Empty } from '@/ui/states';
import { ExportLinks } from './export-links';
import { FreezeButton } from './freeze-button';
import { DataTable, num } from '@/ui/data-table';

/** Where a version came from, read from its provenance header. */
export function versionOrigin(v: TDatasetVersion): string {
  if (v.header['source'] === 'import') return `upload (${String(v.header['format'] ?? 'prmbas')})`;
  if (v.header['source'] === 'annotations') return 'annotation labels';
  const suite = v.header['suite'] as { kind?: string } | undefined;
  const policy = v.header['policy'] as { kind?: string } | undefined;
  if (suite?.kind === 'synth' || v.build) return `synth build${policy?.kind ? ` · ${policy.kind} policy` : ''}`;
  return '–';
}

export function VersionsTable({ datasetId, versions }: { datasetId: string; versions: TDatasetVersion[] }) {
  const { can } = useSession();
  if (versions.length === 0) return <Empty>No versions yet: build one from the synth suite or upload a JSONL file.</Empty>;
  return (
    <DataTable columns={['version', 'state', 'from', num('questions'), num('solutions'), num('steps'), num('mean value'), num('labelled'), 'created', 'actions']}>
      {versions.map((v) => (
        <tr key={v.id} data-testid={`version-row-${v.version}`}>
          <td>
            <Link href={`/datasets/${datasetId}/versions/${v.id}`}>v{v.version}</Link>
          </td>
          <td>
            <div className="stack" style={{ gap: 4 }}>
              <StatusBadge status={v.status} />
              {v.status === 'building' && v.build && (
                <>
                  <ProgressBar value={v.build.progress} label={`build of v${v.version}`} />
                  <span className="small muted">
                    {v.build.status}
                    {v.build.progress !== null && ` · ${Math.round(v.build.progress * 100)}%`}
                    {v.build.workerId && ` · ${v.build.workerId}`}
                  </span>
                </>
              )}
              {(v.error ?? v.build?.error) && <span className="small" style={{ color: 'var(--bad)' }}>{v.error ?? v.build?.error}</span>}
            </div>
          </td>
          <td className="small">{versionOrigin(v)}</td>
          <td className="num">{formatNumber(v.stats.questions)}</td>
          <td className="num">{formatNumber(v.stats.solutions)}</td>
          <td className="num">{formatNumber(v.stats.steps)}</td>
          <td className="num">{formatPercent(v.stats.meanValue, 0)}</td>
          <td className="num">{formatNumber(v.stats.labelledSteps)}</td>
          <td className="small">{formatDate(v.createdAt)}</td>
          <td>
            <div className="stack" style={{ gap: 6, alignItems: 'flex-start' }}>
              <div className="row" style={{ flexWrap: 'nowrap' }}>
                <Link className="button small" href={`/datasets/${datasetId}/versions/${v.id}`}>
                  Browse
                </Link>
                {can('researcher') && <FreezeButton version={v} />}
              </div>
              {can('researcher') && (v.status === 'ready' || v.status === 'frozen') && <ExportLinks versionId={v.id} compact />}
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
