'use client';
/** One deployment: what it serves (stored complete), how to call it, its recent traces, and the playground. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate, formatDuration } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { CorrectBadge, StatusBadge } from '@/ui/badges';
import { JsonBlock } from '@/ui/json-block';
import { PageHead } from '@/ui/page-head';
import { QueryState } from '@/ui/states';
import { DeploymentStatusControls } from './deployment-status-controls';
import { describePolicy, describePrm, describeStrategy } from './deployment-summary';
import { Playground } from './playground';

function RecentTraces({ deploymentId }: { deploymentId: string }) {
  const input = { deploymentId, limit: 8 };
  const traces = useQuery({ queryKey: ['traces.find', input], queryFn: () => trpc.traces.find.query(input), refetchInterval: 10_000 });
  if (!traces.data || traces.data.items.length === 0) return <p className="small muted">No requests yet.</p>;
  return (
    <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
      {traces.data.items.map((t) => (
        <li key={t.id}>
          <Link href={`/traces/${t.id}`}>{formatDate(t.createdAt)}</Link> · answer {t.answer ?? '–'} <CorrectBadge correct={t.correct} /> · {formatDuration(t.latencyMs)}
        </li>
      ))}
    </ul>
  );
}

export function DeploymentPage({ deploymentId }: { deploymentId: string }) {
  const deployment = useQuery({ queryKey: ['deployments.get', deploymentId], queryFn: () => trpc.deployments.get.query({ id: deploymentId }) });
  return (
    <QueryState query={deployment} label="Loading the deployment…">
      {(d) => (
        <>
          <PageHead
            title={
              <span className="row">
                <span className="mono">{d.name}</span> <StatusBadge status={d.status} />
              </span>
            }
            subtitle={d.description ?? `created ${formatDate(d.createdAt)} by ${d.createdBy?.email ?? '–'}`}
            crumbs={[{ href: '/deployments', label: 'Deployments' }]}
            actions={
              <RequiresRole role="researcher" quiet>
                <DeploymentStatusControls deployment={d} />
              </RequiresRole>
            }
          />
          <div className="grid-2">
            <section className="card">
              <h2>Serves</h2>
              <dl className="kv">
                <dt>policy</dt>
                <dd>
                  {describePolicy(d)} {d.policy.kind === 'sim' && <span className="badge warn">simulated</span>}
                </dd>
                <dt>PRM</dt>
                <dd data-testid="deployment-prm">{describePrm(d)}</dd>
                <dt>strategy</dt>
                <dd>{describeStrategy(d.strategy)}</dd>
                <dt>secrets</dt>
                <dd>{d.secretsPresent ? 'every named env var is set' : <span className="badge bad">an apiKeyEnv is not set on the API server</span>}</dd>
                <dt>recent requests</dt>
                <dd>
                  <RecentTraces deploymentId={d.id} />
                </dd>
              </dl>
            </section>
            <section className="card stack">
              <h2>Call it</h2>
              <pre className="mono" style={{ background: '#0f172a', color: '#e2e8f0', padding: 10, borderRadius: 6, overflowX: 'auto' }}>
                {`const client = new OpenAI({ baseURL: '<api>/v1', apiKey: 'pb_…' });
await client.chat.completions.create({
  model: '${d.name}',
  messages: [{ role: 'user', content: [
    { type: 'text', text: 'What is …?' },
    { type: 'image_url', image_url: { url: 'data:image/png;base64,…' } },
  ] }],
  stream: true,
});`}
              </pre>
              <details>
                <summary className="small">Stored strategy (complete, with defaults)</summary>
                <JsonBlock value={d.strategy} />
              </details>
            </section>
          </div>
          <Playground deployment={d} />
        </>
      )}
    </QueryState>
  );
}
