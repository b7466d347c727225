'use client';
/** Filters of the traces list: deployment, outcome, cost (generated steps, latency), date range. */
import type { TFindTracesInput } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { fieldSetter } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { Field, NamedOptions } from '@/ui/field';

export interface TraceFilterForm {
  deploymentId: string;
  correctness: '' | 'correct' | 'incorrect' | 'unknown';
  status: '' | 'succeeded' | 'failed';
  minSteps: string;
  maxSteps: string;
  maxLatencyMs: string;
  from: string;
  to: string;
}

export const NO_FILTERS: TraceFilterForm = { deploymentId: '', correctness: '', status: '', minSteps: '', maxSteps: '', maxLatencyMs: '', from: '', to: '' };

/** `datetime-local` values are local times without a zone: send them as ISO instants. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function filtersToRequest(f: TraceFilterForm): TFindTracesInput {
  return Object.fromEntries(
    Object.entries({
      deploymentId: f.deploymentId || undefined,
      correctness: f.correctness || undefined,
      status: f.status || undefined,
      minGeneratedSteps: f.minSteps ? Number(f.minSteps) : undefined,
      maxGeneratedSteps: f.maxSteps ? Number(f.maxSteps) : undefined,
      maxLatencyMs: f.maxLatencyMs ? Number(f.maxLatencyMs) : undefined,
      from: instant(f.from),
      to: instant(f.to),
    }).filter(([, v]) => v !== undefined),
  ) as TFindTracesInput;
}

export function TraceFilters({ value, onChange, invalidParam }: { value: TraceFilterForm; onChange: (v: TraceFilterForm) => void; invalidParam: string | null }) {
  const set = fieldSetter(value, onChange);
  const deployments = useQuery({ queryKey: ['deployments.find', { includeArchived: true, limit: 200 }], queryFn: () => trpc.deployments.find.query({ includeArchived: true, limit: 200 }) });
  return (
    <div className="form-grid" role="search" aria-label="Trace filters">
      <Field label="Deployment">
        <select value={value.deploymentId} onChange={(e) => set('deploymentId', e.target.value)} name="filterDeployment">
          <option value="">all</option>
          <NamedOptions items={deployments.data?.items} />
        </select>
      </Field>
      <Field label="Correctness">
        <select value={value.correctness} onChange={(e) => set('correctness', e.target.value as TraceFilterForm['correctness'])} name="filterCorrectness">
          <option value="">any</option>
          <option value="correct">correct</option>
          <option value="incorrect">incorrect</option>
          <option value="unknown">unknown (no gold answer)</option>
        </select>
      </Field>
      <Field label="Status">
        <select value={value.status} onChange={(e) => set('status', e.target.value as TraceFilterForm['status'])}>
          <option value="">any</option>
          <option value="succeeded">succeeded</option>
          <option value="failed">failed</option>
        </select>
      </Field>
      <Field label="Generated steps" hint="cost, min–max" invalid={invalidParam === 'maxGeneratedSteps'}>
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <input type="number" min={0} value={value.minSteps} onChange={(e) => set('minSteps', e.target.value)} placeholder="min" aria-label="minimum generated steps" />
          <input type="number" min={0} value={value.maxSteps} onChange={(e) => set('maxSteps', e.target.value)} placeholder="max" aria-label="maximum generated steps" />
        </div>
      </Field>
      <Field label="Latency at most" hint="ms">
        <input type="number" min={0} value={value.maxLatencyMs} onChange={(e) => set('maxLatencyMs', e.target.value)} />
      </Field>
      <Field label="From">
        <input type="datetime-local" value={value.from} onChange={(e) => set('from', e.target.value)} />
      </Field>
      <Field label="To" invalid={invalidParam === 'to'}>
        <input type="datetime-local" value={value.to} onChange={(e) => set('to', e.target.value)} />
      </Field>
      <div>
        <button type="button" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      </div>
    </div>
  );
}
