'use client';
/** The registry: aliases and where they point, and every version with metrics and lineage. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { formatBytes, formatDate, formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { DataTable, num } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { AliasBadges, DatasetVersionLink } from './model-parts';
import { MoveAliasButton } from './move-alias-dialog';

export function ModelsPage() {
  const aliases = useQuery({ queryKey: ['models.aliases.find'], queryFn: () => trpc.models.aliases.find.query() });
  const versions = useQuery({ queryKey: ['models.find', { limit: 100 }], queryFn: () => trpc.models.find.query({ limit: 100 }) });
  return (
    <>
      <PageHead title="Models" subtitle="PRM versions registered by successful training runs. Deployments use a version directly or through an alias." />
      <Section title="Aliases">
        <QueryState query={aliases} empty={<Empty>No aliases yet. Use “Set alias…” on a version to point production or candidate at it.</Empty>}>
          {(data) => (
            <div className="stats">
              {data.items.map((a) => (
                <div key={a.name} className="stat" data-testid={`alias-${a.name}`}>
                  <span>{a.name}</span>
                  <strong>
                    <Link href={`/models/${a.modelVersion.id}`}>
                      {a.modelVersion.name} v{a.modelVersion.version}
                    </Link>
                  </strong>
                  <div className="small muted">
                    {formatDate(a.updatedAt)} by {a.updatedBy?.email ?? '–'}
                  </div>
                </div>
              ))}
            </div>
          )}
        </QueryState>
      </Section>
      <Section title="Versions">
        <QueryState query={versions} empty={<Empty>No model versions yet: a training run registers one when it succeeds.</Empty>}>
          {(data) => (
            <DataTable columns={['version', 'aliases', num('AUROC'), num('pair acc.'), num('ECE'), num('steps'), 'trained by run', 'on dataset', num('artifact'), 'created', '']}>
              {data.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link href={`/models/${v.id}`}>
                      {v.name} v{v.version}
                    </Link>
                    <div className="small muted mono">{String((v.config?.['kind'] as string | undefined) ?? v.format)}</div>
                  </td>
                  <td>
                    <div className="row" style={{ gap: 4 }}>
                      <AliasBadges aliases={v.aliases} />
                    </div>
                  </td>
                  <td className="num">{formatNumber(v.metrics['auroc'])}</td>
                  <td className="num">{formatNumber(v.metrics['pairAccuracy'])}</td>
                  <td className="num">{formatNumber(v.metrics['ece'])}</td>
                  <td className="num">{formatNumber(v.metrics['steps'])}</td>
                  <td className="small">
                    {v.lineage.trainingRun ? <Link href={`/training/${v.lineage.trainingRun.id}`}>{v.lineage.trainingRun.name ?? v.lineage.trainingRun.id.slice(0, 8)}</Link> : '–'}
                    {v.lineage.trainingRun?.backend && <div className="muted">{v.lineage.trainingRun.backend}</div>}
                  </td>
                  <td className="small">
                    {v.lineage.datasetVersion ? <DatasetVersionLink version={v.lineage.datasetVersion} /> : '–'}
                  </td>
                  <td className="num">{formatBytes(v.artifact.byteSize)}</td>
                  <td className="nowrap">{formatDate(v.createdAt)}</td>
                  <td>
                    <RequiresRole role="researcher" quiet>
                      <MoveAliasButton version={v} />
                    </RequiresRole>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}
