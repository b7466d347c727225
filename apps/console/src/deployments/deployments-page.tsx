'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { PageHead } from '@/ui/page-head';
import { Empty, ErrorNote, Loading } from '@/ui/states';
import { CreateDeploymentForm } from './create-deployment-form';
import { describePolicy, describePrm, describeStrategy } from './deployment-summary';

export function DeploymentsPage() {
  const [archived, setArchived] = useState(false);
  const input = { includeArchived: archived, limit: 100 };
  const deployments = useQuery({ queryKey: ['deployments.find', input], queryFn: () => trpc.deployments.find.query(input) });
  return (
    <>
      <PageHead title="Deployments" subtitle="Served configurations of policy + PRM + search strategy. Each is a model of the OpenAI-compatible API at /v1." />
      <section className="card stack">
        <header>
          <h2>Deployments</h2>
          <label className="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> show archived
          </label>
        </header>
        {deployments.isPending ? (
          <Loading />
        ) : deployments.error ? (
          <ErrorNote error={deployments.error} retry={() => void deployments.refetch()} />
        ) : deployments.data.items.length === 0 ? (
          <Empty>No deployments yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>name (model)</th>
                  <th>state</th>
                  <th>policy</th>
                  <th>PRM</th>
                  <th>strategy</th>
                  <th>created</th>
                </tr>
              </thead>
              <tbody>
                {deployments.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link href={`/deployments/${d.id}`} className="mono">
                        {d.name}
                      </Link>
                      {d.description && <div className="small muted">{d.description}</div>}
                    </td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td className="small">
                      {describePolicy(d)}
                      {d.policy.kind === 'sim' && <span className="badge warn" style={{ marginLeft: 4 }}>simulated</span>}
                    </td>
                    <td className="small">{describePrm(d)}</td>
                    <td className="small">{describeStrategy(d.strategy)}</td>
                    <td className="nowrap">{formatDate(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RequiresRole role="researcher" quiet>
        <section className="card">
          <h2>New deployment</h2>
          <CreateDeploymentForm />
        </section>
      </RequiresRole>
    </>
  );
}
