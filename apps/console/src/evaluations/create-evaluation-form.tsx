'use client';
/**
 * An evaluation: strategies × compute budgets over the same questions, policy and PRM (the
 * PRM-BAS paper's accuracy-vs-compute figure). Each budget sets the strategy's compute knob
 * (BUDGET_PARAMETERS in contracts: n, width, or PRM-BAS's b0). Run by a worker (`eval.run`).
 */
import type { TCreateEvaluationInput, TEvalPrmRef } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { VersionPicker } from '@/datasets/version-picker';
import { STRATEGIES, type StrategyName } from '@/deployments/strategy-defaults';
import { RequirementsFields, requirementsOf, type RequirementChoice } from '@/jobs/requirements-fields';
import { trpc } from '@/lib/trpc';
import { Field, Options } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { SimNote } from '@/ui/sim-note';

/** What a budget means per strategy (mirrors BUDGET_PARAMETERS of contracts). */
const BUDGET_KNOB: Record<StrategyName, string | null> = { greedy: null, 'self-consistency': 'n', 'best-of-n': 'n', beam: 'width', dvts: 'n', 'prm-bas': 'schedule.b0' };

interface Row {
  name: string;
  strategy: StrategyName;
  budgets: string;
}

const DEFAULT_ROWS: Row[] = [
  { name: 'greedy', strategy: 'greedy', budgets: '' },
  { name: 'self-consistency', strategy: 'self-consistency', budgets: '2, 4, 8' },
  { name: 'beam', strategy: 'beam', budgets: '2, 4, 8' },
  { name: 'prm-bas', strategy: 'prm-bas', budgets: '2, 4, 8' },
];

function parseBudgets(text: string): number[] | undefined {
  const list = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  return list.length ? list : undefined;
}

export function CreateEvaluationForm() {
  const router = useRouter();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [sourceKind, setSourceKind] = useState<'synth' | 'dataset'>('synth');
  const [size, setSize] = useState('30');
  const [suiteSeed, setSuiteSeed] = useState('7');
  const [versionId, setVersionId] = useState('');
  const [limit, setLimit] = useState('30');
  const [capability, setCapability] = useState('');
  const [prmKind, setPrmKind] = useState<TEvalPrmRef['kind']>('alias');
  const [alias, setAlias] = useState('production');
  const [rollouts, setRollouts] = useState('4');
  const [rows, setRows] = useState<Row[]>(DEFAULT_ROWS);
  const [requirement, setRequirement] = useState<RequirementChoice>('any');
  const prm = (): TEvalPrmRef => (prmKind === 'alias' ? { kind: 'alias', alias } : prmKind === 'mc' ? { kind: 'mc', rollouts: Number(rollouts) } : { kind: 'none' });
  const request = (): TCreateEvaluationInput => ({
    ...(name.trim() ? { name: name.trim() } : {}),
    source: sourceKind === 'synth' ? { kind: 'synth', size: Number(size), seed: Number(suiteSeed) } : { kind: 'dataset', datasetVersionId: versionId, ...(limit ? { limit: Number(limit) } : {}) },
    policy: { kind: 'sim', ...(capability.trim() ? { capability: Number(capability) } : {}) },
    prm: prm(),
    strategies: rows.map((r) => ({ name: r.name.trim(), config: { strategy: r.strategy }, ...(BUDGET_KNOB[r.strategy] && parseBudgets(r.budgets) ? { budgets: parseBudgets(r.budgets) } : {}) })),
    requirements: requirementsOf(requirement),
  });
  const create = useMutation({
    mutationFn: () => trpc.evaluations.create.mutate(request()),
    onSuccess: (evaluation) => {
      void client.invalidateQueries({ queryKey: ['evaluations.find'] });
      router.push(`/evaluations/${evaluation.id}`);
    },
  });
  const { param, onSubmit } = useSubmit(create);
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Start an evaluation">
      <div className="form-grid">
        <Field label="Name" hint="optional">
          <input value={name} onChange={(e) => setName(e.target.value)} name="evaluationName" />
        </Field>
        <Field label="Questions from">
          <select value={sourceKind} onChange={(e) => setSourceKind(e.target.value as 'synth' | 'dataset')} name="evalSource">
            <option value="synth">the synth suite</option>
            <option value="dataset">a dataset version</option>
          </select>
        </Field>
        {sourceKind === 'synth' ? (
          <>
            <Field label="Questions" invalid={param === 'source.size'}>
              <input type="number" min={1} value={size} onChange={(e) => setSize(e.target.value)} name="evalSize" />
            </Field>
            <Field label="Suite seed">
              <input type="number" value={suiteSeed} onChange={(e) => setSuiteSeed(e.target.value)} />
            </Field>
          </>
        ) : (
          <>
            <VersionPicker value={versionId} onChange={(id) => setVersionId(id)} invalid={param === 'source.datasetVersionId'} />
            <Field label="At most" hint="questions">
              <input type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </Field>
          </>
        )}
        <Field label="Policy capability" hint="sim, 0–1">
          <input type="number" step="0.05" min={0} max={1} value={capability} onChange={(e) => setCapability(e.target.value)} placeholder="0.6" />
        </Field>
        <Field label="PRM" invalid={param?.startsWith('prm') ?? false}>
          <select value={prmKind} onChange={(e) => setPrmKind(e.target.value as TEvalPrmRef['kind'])} name="evalPrm">
            <option value="alias">model alias</option>
            <option value="mc">Monte-Carlo rollouts</option>
            <option value="none">none</option>
          </select>
        </Field>
        {prmKind === 'alias' && (
          <Field label="Alias" hint="pinned when it starts">
            <input value={alias} onChange={(e) => setAlias(e.target.value)} />
          </Field>
        )}
        {prmKind === 'mc' && (
          <Field label="Rollouts">
            <input type="number" min={1} max={256} value={rollouts} onChange={(e) => setRollouts(e.target.value)} />
          </Field>
        )}
        <RequirementsFields value={requirement} onChange={setRequirement} />
      </div>
      <fieldset>
        <legend>Strategies and budgets</legend>
        <div className="stack">
          {rows.map((r, i) => (
            <div key={i} className="form-grid">
              <Field label="Label" invalid={param === `strategies.${i}.name`}>
                <input value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} />
              </Field>
              <Field label="Strategy">
                <select value={r.strategy} onChange={(e) => setRow(i, { strategy: e.target.value as StrategyName })}>
                  <Options values={STRATEGIES} />
                </select>
              </Field>
              <Field label="Budgets" hint={BUDGET_KNOB[r.strategy] ? `sets ${BUDGET_KNOB[r.strategy]}` : 'none (one chain)'} invalid={param?.startsWith(`strategies.${i}`) ?? false}>
                <input value={r.budgets} onChange={(e) => setRow(i, { budgets: e.target.value })} disabled={!BUDGET_KNOB[r.strategy]} placeholder="e.g. 2, 4, 8" />
              </Field>
              <div>
                <button type="button" className="small danger" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} disabled={rows.length === 1}>
                  Remove
                </button>
              </div>
            </div>
          ))}
          <div>
            <button type="button" className="small" onClick={() => setRows((rs) => [...rs, { name: `dvts-${rs.length}`, strategy: 'dvts', budgets: '4, 8' }])}>
              Add strategy
            </button>
          </div>
        </div>
      </fieldset>
      <SimNote>The evaluation&apos;s policy is the simulated <code>sim</code> policy; strategies, budgets and the PRM are real.</SimNote>
      <SubmitRow mutation={create} label="Start evaluation" pendingLabel="Starting…" errorTitle="Could not start the evaluation" disabled={sourceKind === 'dataset' && !versionId} />
    </form>
  );
}
