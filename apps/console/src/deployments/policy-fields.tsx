'use client';
/** The policy that proposes steps: the simulated one, or any OpenAI-compatible server. */
import type { TDeploymentPolicy } from '@prmbas/contracts';
import { fieldSetter } from '@/lib/form-values';
import { Field } from '@/ui/field';
import { SimNote } from '@/ui/sim-note';

export interface PolicyForm {
  kind: 'sim' | 'openai';
  capability: string;
  latencyMs: string;
  baseUrl: string;
  model: string;
  apiKeyEnv: string;
  systemPrompt: string;
}

export const DEFAULT_POLICY_FORM: PolicyForm = { kind: 'sim', capability: '', latencyMs: '60', baseUrl: 'http://localhost:8000/v1', model: '', apiKeyEnv: '', systemPrompt: '' };

export function policyOf(f: PolicyForm): TDeploymentPolicy {
  if (f.kind === 'sim') {
    return { kind: 'sim', ...(f.capability.trim() ? { capability: Number(f.capability) } : {}), ...(f.latencyMs.trim() ? { latencyMs: Number(f.latencyMs) } : {}) };
  }
  return {
    kind: 'openai',
    baseUrl: f.baseUrl.trim(),
    model: f.model.trim(),
    ...(f.apiKeyEnv.trim() ? { apiKeyEnv: f.apiKeyEnv.trim() } : {}),
    ...(f.systemPrompt.trim() ? { systemPrompt: f.systemPrompt } : {}),
  };
}

export function PolicyFields({ value, onChange, invalidParam }: { value: PolicyForm; onChange: (v: PolicyForm) => void; invalidParam: string | null }) {
  const set = fieldSetter(value, onChange);
  const bad = (f: string) => invalidParam === `policy.${f}`;
  return (
    <fieldset>
      <legend>Policy (proposes steps)</legend>
      <div className="form-grid">
        <Field label="Kind" invalid={bad('kind')}>
          <select value={value.kind} onChange={(e) => set('kind', e.target.value as PolicyForm['kind'])} name="policyKind">
            <option value="sim">sim (simulated)</option>
            <option value="openai">OpenAI-compatible endpoint</option>
          </select>
        </Field>
        {value.kind === 'sim' ? (
          <>
            <Field label="Capability" hint="0–1, default 0.6" invalid={bad('capability')}>
              <input type="number" step="0.05" min={0} max={1} value={value.capability} onChange={(e) => set('capability', e.target.value)} placeholder="0.6" name="policyCapability" />
            </Field>
            <Field label="Latency per call" hint="ms, emulates a server" invalid={bad('latencyMs')}>
              <input type="number" min={0} max={60000} value={value.latencyMs} onChange={(e) => set('latencyMs', e.target.value)} name="policyLatencyMs" />
            </Field>
          </>
        ) : (
          <>
            <Field label="Base URL" invalid={bad('baseUrl')}>
              <input value={value.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} placeholder="http://localhost:8000/v1" name="policyBaseUrl" />
            </Field>
            <Field label="Model" invalid={bad('model')}>
              <input value={value.model} onChange={(e) => set('model', e.target.value)} placeholder="Qwen/Qwen2.5-VL-7B-Instruct" name="policyModel" />
            </Field>
            <Field label="API key env var" hint="on the API server" invalid={bad('apiKeyEnv')}>
              <input value={value.apiKeyEnv} onChange={(e) => set('apiKeyEnv', e.target.value)} placeholder="VLLM_API_KEY" />
            </Field>
          </>
        )}
      </div>
      {value.kind === 'openai' && (
        <div style={{ marginTop: 10 }}>
          <Field label="System prompt" hint="optional" invalid={bad('systemPrompt')}>
            <textarea rows={2} value={value.systemPrompt} onChange={(e) => set('systemPrompt', e.target.value)} />
          </Field>
          <p className="small muted" style={{ marginTop: 6 }}>Keys are never stored: name an environment variable of the API server that holds it.</p>
        </div>
      )}
      {value.kind === 'sim' && (
        <div style={{ marginTop: 10 }}>
          <SimNote />
        </div>
      )}
    </fieldset>
  );
}
