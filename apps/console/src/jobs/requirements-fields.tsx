'use client';
/**
 * Which worker may take a job: any, a GPU worker (tensorflow-gpu), or one exact backend (e.g.
 * wasm, to reproduce its numerics). Turned into `requirements` of contracts' ZJobRequirements.
 */
import type { TBackendName, TJobRequirements } from '@prmbas/contracts';
import { Field } from '@/ui/field';

export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const satisfies readonly TBackendName[];
export type RequirementChoice = 'any' | 'gpu' | `backend:${TBackendName}`;

export function requirementsOf(choice: RequirementChoice): TJobRequirements {
  if (choice === 'any') return {};
  if (choice === 'gpu') return { gpu: true };
  return { backend: choice.slice('backend:'.length) as TBackendName };
}

export function describeRequirements(r: { gpu?: boolean; backend?: string }): string {
  if (r.gpu) return 'GPU worker';
  if (r.backend) return `${r.backend} worker`;
  return 'any worker';
}

export function RequirementsFields({ value, onChange, invalid }: { value: RequirementChoice; onChange: (v: RequirementChoice) => void; invalid?: boolean }) {
  return (
    <Field label="Runs on" hint="worker requirement" invalid={invalid}>
      <select value={value} onChange={(e) => onChange(e.target.value as RequirementChoice)} name="requirements">
        <option value="any">any worker</option>
        <option value="gpu">GPU worker (tensorflow-gpu)</option>
        {BACKENDS.map((b) => (
          <option key={b} value={`backend:${b}`}>
            exactly {b}
          </option>
        ))}
      </select>
    </Field>
  );
}
