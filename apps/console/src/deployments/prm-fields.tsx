'use client';
/** The PRM that scores steps: an alias (resolved per request), a pinned version, an external server, or none. */
import type { TDeploymentPrm } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { fieldSetter } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { Field, Options } from '@/ui/field';

export interface PrmForm {
  kind: 'alias' | 'model' | 'http' | 'none';
  alias: string;
  modelVersionId: string;
  baseUrl: string;
  model: string;
  format: 'vllm-pooling' | 'classify';
}

export const DEFAULT_PRM_FORM: PrmForm = { kind: 'alias', alias: 'production', modelVersionId: '', baseUrl: 'http://localhost:8001', model: '', format: 'vllm-pooling' };

export function prmOf(f: PrmForm): TDeploymentPrm {
  switch (f.kind) {
    case 'alias':
      return { kind: 'alias', alias: f.alias.trim() };
    case 'model':
      return { kind: 'model', modelVersionId: f.modelVersionId };
    case 'http':
      return { kind: 'http', baseUrl: f.baseUrl.trim(), model: f.model.trim(), format: f.format };
    case 'none':
      return { kind: 'none' };
  }
}

export function PrmFields({ value, onChange, invalidParam }: { value: PrmForm; onChange: (v: PrmForm) => void; invalidParam: string | null }) {
  const set = fieldSetter(value, onChange);
  const bad = (f: string) => invalidParam === `prm.${f}` || (f === 'kind' && invalidParam === 'prm');
  const aliases = useQuery({ queryKey: ['models.aliases.find'], queryFn: () => trpc.models.aliases.find.query() });
  const versions = useQuery({ queryKey: ['models.find', { limit: 100 }], queryFn: () => trpc.models.find.query({ limit: 100 }), enabled: value.kind === 'model' });
  const aliasNames = [...new Set(['production', 'candidate', ...(aliases.data?.items.map((a) => a.name) ?? [])])];
  const target = aliases.data?.items.find((a) => a.name === value.alias);
  return (
    <fieldset>
      <legend>PRM (scores steps)</legend>
      <div className="form-grid">
        <Field label="Kind" invalid={bad('kind')}>
          <select value={value.kind} onChange={(e) => set('kind', e.target.value as PrmForm['kind'])} name="prmKind">
            <option value="alias">model alias</option>
            <option value="model">pinned model version</option>
            <option value="http">external reward server</option>
            <option value="none">none (greedy, self-consistency)</option>
          </select>
        </Field>
        {value.kind === 'alias' && (
          <Field label="Alias" hint={target ? `now ${target.modelVersion.name} v${target.modelVersion.version}` : 'not set yet'} invalid={bad('alias')}>
            <select value={value.alias} onChange={(e) => set('alias', e.target.value)} name="prmAlias">
              <Options values={aliasNames} />
            </select>
          </Field>
        )}
        {value.kind === 'model' && (
          <Field label="Model version" invalid={bad('modelVersionId')}>
            <select value={value.modelVersionId} onChange={(e) => set('modelVersionId', e.target.value)} name="prmModelVersion">
              <option value="">choose…</option>
              {versions.data?.items.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} v{v.version}
                  {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        {value.kind === 'http' && (
          <>
            <Field label="Base URL" invalid={bad('baseUrl')}>
              <input value={value.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} />
            </Field>
            <Field label="Reward model" invalid={bad('model')}>
              <input value={value.model} onChange={(e) => set('model', e.target.value)} placeholder="Qwen/Qwen2.5-Math-PRM-7B" />
            </Field>
            <Field label="Format" invalid={bad('format')}>
              <select value={value.format} onChange={(e) => set('format', e.target.value as PrmForm['format'])}>
                <option value="vllm-pooling">vLLM pooling</option>
                <option value="classify">classify</option>
              </select>
            </Field>
          </>
        )}
      </div>
      {value.kind === 'alias' && <p className="small muted" style={{ marginTop: 6 }}>An alias is resolved at every request: moving it on the Models page changes this deployment&apos;s PRM for the next question.</p>}
    </fieldset>
  );
}
