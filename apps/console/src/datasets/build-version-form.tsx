'use client';
/**
 * A new version from the synth suite, built by a worker (`dataset.build`): which questions, which
 * policy, and the Monte-Carlo budget. Empty fields take @prmbas/rollouts' defaults (the server
 * records the resolved config in the version's report).
 */
import type { TBuildDatasetVersionRequest, TDatasetVersion } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirementsFields, requirementsOf, type RequirementChoice } from '@/jobs/requirements-fields';
import { defined, optionalNumber, toggled } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { Field, Options } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { SimNote } from '@/ui/sim-note';
import { ParentVersionField } from './parent-version-field';

type Build = NonNullable<TBuildDatasetVersionRequest['build']>;
const SIBLING_STATES = ['all', 'none', 'first-error'] as const;

export function BuildVersionForm({ datasetId, versions }: { datasetId: string; versions: TDatasetVersion[] }) {
  const client = useQueryClient();
  const [size, setSize] = useState('20');
  const [seed, setSeed] = useState('0');
  const [difficulty, setDifficulty] = useState<Array<1 | 2 | 3>>([1, 2, 3]);
  const [families, setFamilies] = useState<Array<'shapes' | 'bars'>>(['shapes', 'bars']);
  const [capability, setCapability] = useState('');
  const [b, setB] = useState({ solutions: '2', rollouts: '4', siblings: '2', maxSteps: '', temperature: '', concurrency: '' });
  const [siblingStates, setSiblingStates] = useState<(typeof SIBLING_STATES)[number] | ''>('');
  const [parent, setParent] = useState('');
  const [requirement, setRequirement] = useState<RequirementChoice>('any');
  const build = useMutation({
    mutationFn: () => {
      const buildConfig = defined({
        solutions: optionalNumber(b.solutions),
        rollouts: optionalNumber(b.rollouts),
        siblings: optionalNumber(b.siblings),
        maxSteps: optionalNumber(b.maxSteps),
        temperature: optionalNumber(b.temperature),
        concurrency: optionalNumber(b.concurrency),
        siblingStates: siblingStates || undefined,
      }) as Build;
      return trpc.datasets.buildVersion.mutate({
        datasetId,
        suite: { kind: 'synth', size: Number(size), seed: Number(seed), difficulty, families },
        policy: defined({ kind: 'sim' as const, capability: optionalNumber(capability) }) as { kind: 'sim' },
        build: buildConfig,
        requirements: requirementsOf(requirement),
        ...(parent ? { parentVersionId: parent } : {}),
      });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['datasets.get', datasetId] }),
  });
  const { param, onSubmit } = useSubmit(build);
  const bad = (field: string) => param !== null && (param === field || param.endsWith(`.${field}`));
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Build from the synth suite">
      <SimNote>
        Solutions and rollouts come from the <code>sim</code> policy (a stand-in for a multimodal LLM that reads the suite&apos;s hidden answers and errs
        on purpose); the questions and images are the real synth suite.
      </SimNote>
      <fieldset>
        <legend>Questions (synth suite)</legend>
        <div className="form-grid">
          <Field label="Questions" invalid={bad('size')}>
            <input type="number" min={1} max={100000} required value={size} onChange={(e) => setSize(e.target.value)} name="suiteSize" />
          </Field>
          <Field label="Suite seed" invalid={bad('seed')}>
            <input type="number" required value={seed} onChange={(e) => setSeed(e.target.value)} name="suiteSeed" />
          </Field>
        </div>
        <div className="row" style={{ marginTop: 8 }}>
          <span className="small muted">difficulty</span>
          {([1, 2, 3] as const).map((d) => (
            <label key={d} className="check">
              <input type="checkbox" checked={difficulty.includes(d)} onChange={() => setDifficulty((l) => toggled(l, d))} /> {d}
            </label>
          ))}
          <span className="small muted" style={{ marginLeft: 12 }}>families</span>
          {(['shapes', 'bars'] as const).map((f) => (
            <label key={f} className="check">
              <input type="checkbox" checked={families.includes(f)} onChange={() => setFamilies((l) => toggled(l, f))} /> {f}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Monte-Carlo budget (empty = library default)</legend>
        <div className="form-grid">
          <Field label="Solutions / question" invalid={bad('solutions')}>
            <input type="number" min={1} max={256} value={b.solutions} onChange={(e) => setB({ ...b, solutions: e.target.value })} name="solutions" />
          </Field>
          <Field label="Rollouts / step" invalid={bad('rollouts')}>
            <input type="number" min={1} max={1024} value={b.rollouts} onChange={(e) => setB({ ...b, rollouts: e.target.value })} name="rollouts" />
          </Field>
          <Field label="Siblings / state" invalid={bad('siblings')}>
            <input type="number" min={0} max={64} value={b.siblings} onChange={(e) => setB({ ...b, siblings: e.target.value })} name="siblings" />
          </Field>
          <Field label="Sibling states" invalid={bad('siblingStates')}>
            <select value={siblingStates} onChange={(e) => setSiblingStates(e.target.value as typeof siblingStates)}>
              <option value="">default</option>
              <Options values={SIBLING_STATES} />
            </select>
          </Field>
          <Field label="Max steps" invalid={bad('maxSteps')}>
            <input type="number" min={1} max={64} value={b.maxSteps} onChange={(e) => setB({ ...b, maxSteps: e.target.value })} placeholder="default" />
          </Field>
          <Field label="Temperature" invalid={bad('temperature')}>
            <input type="number" step="0.1" min={0} max={10} value={b.temperature} onChange={(e) => setB({ ...b, temperature: e.target.value })} placeholder="default" />
          </Field>
          <Field label="Concurrency" invalid={bad('concurrency')}>
            <input type="number" min={1} max={256} value={b.concurrency} onChange={(e) => setB({ ...b, concurrency: e.target.value })} placeholder="default" />
          </Field>
          <Field label="Policy capability" hint="sim, 0–1" invalid={bad('capability')}>
            <input type="number" step="0.05" min={0} max={1} value={capability} onChange={(e) => setCapability(e.target.value)} placeholder="0.6" />
          </Field>
        </div>
      </fieldset>
      <div className="form-grid">
        <ParentVersionField versions={versions} value={parent} onChange={setParent} />
        <RequirementsFields value={requirement} onChange={setRequirement} />
      </div>
      <SubmitRow mutation={build} label="Build version" pendingLabel="Starting…" errorTitle="Could not start the build" disabled={difficulty.length === 0 || families.length === 0}>
        {build.isSuccess && <div className="note good">Version v{build.data.version.version} is building (job {build.data.job.id.slice(0, 8)}…); progress shows below.</div>}
      </SubmitRow>
    </form>
  );
}
