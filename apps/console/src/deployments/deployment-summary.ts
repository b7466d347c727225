import type { TDeployment } from '@prmbas/contracts';

export function describePolicy(d: TDeployment): string {
  const p = d.policy;
  if (p.kind === 'sim') return `sim (simulated)${p.capability !== undefined ? `, capability ${p.capability}` : ''}`;
  return `${p.model} at ${p.baseUrl}`;
}

export function describePrm(d: TDeployment): string {
  const p = d.prm;
  const target = d.prmTarget ? ` → ${d.prmTarget.name} v${d.prmTarget.version}` : '';
  switch (p.kind) {
    case 'alias':
      return `alias ${p.alias}${target}`;
    case 'model':
      return `pinned${target}`;
    case 'http':
      return `${p.model} at ${p.baseUrl}`;
    case 'none':
      return 'none';
  }
}

export function describeStrategy(strategy: Record<string, unknown>): string {
  const name = String(strategy['strategy'] ?? '?');
  const schedule = strategy['schedule'] as { kind?: string; b0?: number; bMin?: number } | undefined;
  if (name === 'prm-bas' && schedule) return `PRM-BAS, ${schedule.kind} b0=${schedule.b0} → ${schedule.bMin}, k=${String(strategy['k'])}`;
  if (name === 'beam') return `beam, width ${String(strategy['width'])}, k=${String(strategy['k'])}`;
  if (name === 'dvts') return `DVTS, n=${String(strategy['n'])}, m=${String(strategy['m'])}`;
  if (name === 'best-of-n' || name === 'self-consistency') return `${name}, n=${String(strategy['n'])}`;
  return name;
}
