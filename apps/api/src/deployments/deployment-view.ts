/** Rows → the shapes contracts promise (dates as ISO strings; configs as stored, validated on write). */
import type { TDeployment, TDeploymentPolicy, TDeploymentPrm } from '@prmbas/contracts';
import type { Prisma } from '@prmbas/db';
import type { DeploymentRow } from './deployments.repository';

type Env = Readonly<Record<string, string | undefined>>;

export function prmRefOf(row: { prmModelVersionId: string | null; prmAliasName: string | null; prmConfig: Prisma.JsonValue | null }): TDeploymentPrm {
  if (row.prmModelVersionId) return { kind: 'model', modelVersionId: row.prmModelVersionId };
  if (row.prmAliasName) return { kind: 'alias', alias: row.prmAliasName };
  if (row.prmConfig) return row.prmConfig as unknown as TDeploymentPrm;
  return { kind: 'none' };
}

/** The env var names a deployment reads its secrets from. */
export function secretNamesOf(policy: TDeploymentPolicy, prm: TDeploymentPrm): string[] {
  const names: string[] = [];
  if (policy.kind === 'openai' && policy.apiKeyEnv) names.push(policy.apiKeyEnv);
  if (prm.kind === 'http' && prm.apiKeyEnv) names.push(prm.apiKeyEnv);
  return names;
}

export function toDeploymentView(row: DeploymentRow, env: Env): TDeployment {
  const policy = row.policyConfig as unknown as TDeploymentPolicy;
  const prm = prmRefOf(row);
  const target = row.prmModelVersion ?? row.prmAlias?.modelVersion ?? null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    policy,
    prm,
    prmTarget: target ? { id: target.id, version: target.version, name: target.name } : null,
    strategy: row.strategyConfig as Record<string, unknown>,
    secretsPresent: secretNamesOf(policy, prm).every((name) => Boolean(env[name])),
    createdBy: row.createdBy ? { id: row.createdBy.id, email: row.createdBy.email } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
