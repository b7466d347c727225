import type { TEvaluation } from '@prmbas/contracts';

export function describeSource(e: TEvaluation): string {
  const s = e.source as { kind?: string; size?: number; seed?: number; datasetVersionId?: string; limit?: number };
  if (s.kind === 'synth') return `synth suite, ${s.size} questions (seed ${s.seed ?? 0})`;
  if (s.kind === 'dataset') return `dataset version ${s.datasetVersionId?.slice(0, 8)}…${s.limit ? `, ≤ ${s.limit} questions` : ''}`;
  return '–';
}

export function describeEvalPrm(e: TEvaluation): string {
  if (e.prm.kind === 'none') return 'no PRM';
  if (e.prm.kind === 'mc') return 'Monte-Carlo rollouts';
  const v = e.prm.modelVersion ? `${e.prm.modelVersion.name} v${e.prm.modelVersion.version}` : (e.prm.modelVersionId?.slice(0, 8) ?? '?');
  return e.prm.alias ? `${e.prm.alias} → ${v}` : v;
}
