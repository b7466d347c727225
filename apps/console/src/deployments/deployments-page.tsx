'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { StatusBadge } from '@/ui/badges';
import { DataTable } from '@/ui/data-table';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { Empty, QueryState } from '@/ui/states';
import { CreateDeploymentForm } from './create-deployment-form';
import { describePolicy, describePrm, describeStrategy } from './deployment-summary';

export function DeploymentsPage() {
  const [archived, setArchived] = useState(false);
  const input = { includeArchived: archived, limit: 100 };
  const deployments = useQuery({ queryKey: ['deployments.find', input], queryFn: () => trpc.deployments.find.query(input) });
  return (
    <>
      <PageHead title="Deployments" subtitle="Served configurations of policy + PRM + search strategy. Each is a model of the OpenAI-compatible API at /v1." />
      <Section
        title="Deployments"
        stack
        aside={
          <label className="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> show archived
          </label>
        }
      >
        <QueryState query={deployments} empty={<Empty>No deployments yet.</Empty>}>
          {(data) => (
            <DataTable columns={['name (model)', 'state', 'policy', 'PRM', 'strategy', 'created']}>
              {data.items.map((d) => (
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
            </DataTable>
          )}
        </QueryState>
      </Section>
      <RequiresRole role="researcher" quiet>
        <Section title="New deployment">
          <CreateDeploymentForm />
        </Section>
      </RequiresRole>
    </>
  );
}
