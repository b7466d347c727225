'use client';
/** The registry: aliases and where they point, and every version with metrics and lineage. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { formatBytes, formatDate, formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { PageHead } from '@/ui/page-head';
import { Empty, ErrorNote, Loading } from '@/ui/states';
import { MoveAliasButton } from './move-alias-dialog';

export function ModelsPage() {
  const aliases = useQuery({ queryKey: ['models.aliases.find'], queryFn: () => trpc.models.aliases.find.query() });
  const versions = useQuery({ queryKey: ['models.find', { limit: 100 }], queryFn: () => trpc.models.find.query({ limit: 100 }) });
  return (
    <>
      <PageHead title="Models" subtitle="PRM versions registered by successful training runs. Deployments use a version directly or through an alias." />
      <section className="card">
        <h2>Aliases</h2>
        {aliases.isPending ? (
          <Loading />
        ) : aliases.error ? (
          <ErrorNote error={aliases.error} retry={() => void aliases.refetch()} />
        ) : aliases.data.items.length === 0 ? (
          <Empty>No aliases yet. Use “Set alias…” on a version to point production or candidate at it.</Empty>
        ) : (
          <div className="stats">
            {aliases.data.items.map((a) => (
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
      </section>
      <section className="card">
        <h2>Versions</h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.error ? (
          <ErrorNote error={versions.error} retry={() => void versions.refetch()} />
        ) : versions.data.items.length === 0 ? (
          <Empty>No model versions yet: a training run registers one when it succeeds.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>version</th>
                  <th>aliases</th>
                  <th className="num">AUROC</th>
                  <th className="num">pair acc.</th>
                  <th className="num">ECE</th>
                  <th className="num">steps</th>
                  <th>trained by run</th>
                  <th>on dataset</th>
                  <th className="num">artifact</th>
                  <th>created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {versions.data.items.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link href={`/models/${v.id}`}>
                        {v.name} v{v.version}
                      </Link>
                      <div className="small muted mono">{String((v.config?.['kind'] as string | undefined) ?? v.format)}</div>
                    </td>
                    <td>
                      <div className="row" style={{ gap: 4 }}>
                        {v.aliases.map((a) => (
                          <span key={a} className={`badge ${a === 'production' ? 'good' : 'info'}`}>
                            {a}
                          </span>
                        ))}
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
                      {v.lineage.datasetVersion ? (
                        <Link href={`/datasets/${v.lineage.datasetVersion.datasetId}/versions/${v.lineage.datasetVersion.id}`}>
                          {v.lineage.datasetVersion.datasetName} v{v.lineage.datasetVersion.version}
                        </Link>
                      ) : (
                        '–'
                      )}
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
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
