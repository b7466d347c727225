'use client';
/**
 * A new deployment: name (the OpenAI `model`), policy, PRM and search strategy. The API checks the
 * strategy with the search library's rules (errors name the field, e.g. `strategy.schedule.b0`)
 * and stores it complete with its defaults.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Field } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { JsonBlock } from '@/ui/json-block';
import { DEFAULT_POLICY_FORM, PolicyFields, policyOf } from './policy-fields';
import { DEFAULT_PRM_FORM, PrmFields, prmOf } from './prm-fields';
import { DEFAULT_STRATEGY_FORM, PRM_STRATEGIES, strategyConfig } from './strategy-defaults';
import { StrategyFields } from './strategy-fields';

export function CreateDeploymentForm() {
  const router = useRouter();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [policy, setPolicy] = useState(DEFAULT_POLICY_FORM);
  const [prm, setPrm] = useState(DEFAULT_PRM_FORM);
  const [strategy, setStrategy] = useState(DEFAULT_STRATEGY_FORM);
  const request = {
    name: name.trim(),
    ...(description.trim() ? { description: description.trim() } : {}),
    policy: policyOf(policy),
    prm: prmOf(prm),
    strategy: strategyConfig(strategy),
  };
  const create = useMutation({
    mutationFn: () => trpc.deployments.create.mutate(request),
    onSuccess: (deployment) => {
      void client.invalidateQueries({ queryKey: ['deployments.find'] });
      router.push(`/deployments/${deployment.id}`);
    },
  });
  const { param, onSubmit } = useSubmit(create);
  const needsPrm = PRM_STRATEGIES.includes(strategy.strategy);
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create deployment">
      <div className="form-grid">
        <Field label="Name" hint="the OpenAI model field" invalid={param === 'name'}>
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. sim-prm-bas" name="deploymentName" />
        </Field>
        <Field label="Description" hint="optional">
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        </Field>
      </div>
      <PolicyFields value={policy} onChange={setPolicy} invalidParam={param} />
      <PrmFields value={prm} onChange={setPrm} invalidParam={param} />
      <StrategyFields value={strategy} onChange={setStrategy} invalidParam={param} />
      {needsPrm && prm.kind === 'none' && <div className="note">{strategy.strategy} scores steps with a PRM: choose one, or use greedy / self-consistency.</div>}
      <details>
        <summary className="small">Request as sent</summary>
        <JsonBlock value={request} />
      </details>
      <SubmitRow mutation={create} label="Create deployment" pendingLabel="Creating…" errorTitle="Could not create the deployment" disabled={!name.trim()} />
    </form>
  );
}
