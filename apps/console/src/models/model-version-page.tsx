'use client';
/** One model version: metrics, lineage (run → dataset version → checkpoint), config, artifact, aliases and their history. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { apiPath } from '@/lib/api-paths';
import { formatBytes, formatDate, formatNumber } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { JsonBlock } from '@/ui/json-block';
import { PageHead } from '@/ui/page-head';
import { QueryState } from '@/ui/states';
import { AliasBadges, DatasetVersionLink } from './model-parts';
import { MoveAliasButton, STANDARD_ALIASES } from './move-alias-dialog';

function AliasHistory({ name }: { name: string }) {
  const history = useQuery({ queryKey: ['models.aliases.history', name], queryFn: () => trpc.models.aliases.history.query({ name, limit: 10 }) });
  if (!history.data || history.data.items.length === 0) return null;
  return (
    <div className="stack" style={{ gap: 4 }}>
      <h3>{name}</h3>
      <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
        {history.data.items.map((h) => (
          <li key={`${h.at}-${h.toModelVersionId}`}>
            {formatDate(h.at)}: {h.fromModelVersionId ? <Link href={`/models/${h.fromModelVersionId}`}>{h.fromModelVersionId.slice(0, 8)}</Link> : 'new'} →{' '}
            <Link href={`/models/${h.toModelVersionId}`}>{h.toModelVersionId.slice(0, 8)}</Link> by {h.actor}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ModelVersionPage({ versionId }: { versionId: string }) {
  const version = useQuery({ queryKey: ['models.get', versionId], queryFn: () => trpc.models.get.query({ id: versionId }) });
  return (
    <QueryState query={version} label="Loading the model version…">
      {(v) => (
        <>
          <PageHead
            title={
              <span className="row">
                {v.name} v{v.version}
                <AliasBadges aliases={v.aliases} />
              </span>
            }
            subtitle={`${v.format} · registered ${formatDate(v.createdAt)} by ${v.createdBy?.email ?? '–'}`}
            crumbs={[{ href: '/models', label: 'Models' }]}
            actions={
              <>
                <a className="button small" href={apiPath(v.artifact.downloadPath)} download>
                  Download artifact ({formatBytes(v.artifact.byteSize)})
                </a>
                <RequiresRole role="researcher" quiet>
                  <MoveAliasButton version={v} />
                </RequiresRole>
              </>
            }
          />
          <div className="stats">
            {Object.entries(v.metrics).map(([k, value]) => (
              <div key={k} className="stat">
                <span>{k}</span>
                <strong>{formatNumber(value)}</strong>
              </div>
            ))}
          </div>
          <div className="grid-2">
            <section className="card">
              <h2>Lineage</h2>
              <dl className="kv">
                <dt>training run</dt>
                <dd>
                  {v.lineage.trainingRun ? (
                    <>
                      <Link href={`/training/${v.lineage.trainingRun.id}`}>{v.lineage.trainingRun.name ?? v.lineage.trainingRun.id.slice(0, 8)}</Link>{' '}
                      <StatusBadge status={v.lineage.trainingRun.status} />
                      <div className="small muted">
                        {v.lineage.trainingRun.backend ?? '–'} on {v.lineage.trainingRun.workerId ?? '–'}, {formatDate(v.lineage.trainingRun.startedAt)} → {formatDate(v.lineage.trainingRun.finishedAt)}
                      </div>
                    </>
                  ) : (
                    '–'
                  )}
                </dd>
                <dt>dataset version</dt>
                <dd>
                  {v.lineage.datasetVersion ? (
                    <>
                      <DatasetVersionLink version={v.lineage.datasetVersion} />{' '}
                      <StatusBadge status={v.lineage.datasetVersion.status} />
                      <div className="small muted mono">{v.lineage.datasetVersion.digest?.slice(0, 16) ?? ''}</div>
                    </>
                  ) : (
                    '–'
                  )}
                </dd>
                <dt>checkpoint</dt>
                <dd>{v.lineage.checkpoint ? `step ${v.lineage.checkpoint.step} (${formatDate(v.lineage.checkpoint.createdAt)})` : '–'}</dd>
                <dt>artifact</dt>
                <dd className="mono small break">sha256 {v.artifact.sha256}</dd>
              </dl>
            </section>
            <section className="card stack">
              <h2>Alias history</h2>
              {STANDARD_ALIASES.map((a) => (
                <AliasHistory key={a} name={a} />
              ))}
              <p className="small muted">Moves of production and candidate, newest first (from the audit log).</p>
            </section>
          </div>
          <details className="card">
            <summary>Config (model kind, model config, resolved trainer config)</summary>
            <div style={{ marginTop: 10 }}>
              <JsonBlock value={v.config ?? {}} maxHeight={420} />
            </div>
          </details>
        </>
      )}
    </QueryState>
  );
}
