'use client';
/**
 * Start a PRM training run: a ready or frozen dataset version, a model kind the live workers offer,
 * the loss weight λ (L = L_value + λ·L_rank), length (steps, or epochs turned into steps by the
 * server), batch size and the worker requirement. Empty fields take the trainer's defaults
 * (DEFAULT_TRAINER_CONFIG of @prmbas/prm), which the run page then shows as stored.
 */
import type { TDatasetVersion, TTrainingHyperparameters } from '@prmbas/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { VersionPicker } from '@/datasets/version-picker';
import { RequirementsFields, requirementsOf, type RequirementChoice } from '@/jobs/requirements-fields';
import { errorInfo } from '@/lib/api-error';
import { defined, optionalNumber, parseJsonObject } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { Field } from '@/ui/field';
import { SubmitRow } from '@/ui/form';

/** The server's held-out share when the field is empty (ZTrainingRunConfig's default in contracts). */
const DEFAULT_HELD_OUT_SHARE = 0.2;

/**
 * Why a version is too small to train on, from its stats (null: big enough). The trainer learns
 * from solution steps of the questions the held-out split leaves it (a share of whole questions,
 * drawn per question); with none left the run would fail on the worker ("no examples").
 */
function tooSmallToTrain(version: TDatasetVersion | null, heldOutShare: number): string | null {
  if (!version) return null;
  const { questions, steps } = version.stats;
  if (steps === 0) return `v${version.version} has no solution steps: there is nothing to train on. Build or upload a version with solutions.`;
  if (Number.isFinite(heldOutShare) && questions * (1 - heldOutShare) < 1) {
    return `v${version.version} has ${questions} question${questions === 1 ? '' : 's'}: with a held-out share of ${heldOutShare}, the held-out split may leave none to train on. Lower the held-out share (0 trains on every question) or use a bigger version.`;
  }
  return null;
}

export function StartRunForm() {
  const router = useRouter();
  const client = useQueryClient();
  const kinds = useQuery({ queryKey: ['training.findModelKinds'], queryFn: () => trpc.training.findModelKinds.query(), refetchInterval: 15_000 });
  const [version, setVersion] = useState<TDatasetVersion | null>(null);
  const versionId = version?.id ?? '';
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [modelConfig, setModelConfig] = useState('{}');
  const [lambdaRank, setLambdaRank] = useState('1');
  const [valueLoss, setValueLoss] = useState<'' | 'bce' | 'mse'>('');
  const [lengthMode, setLengthMode] = useState<'epochs' | 'steps'>('epochs');
  const [length, setLength] = useState('2');
  const [batchSize, setBatchSize] = useState('32');
  const [lr, setLr] = useState('');
  const [evalEvery, setEvalEvery] = useState('20');
  const [heldOut, setHeldOut] = useState('');
  const [seed, setSeed] = useState('');
  const [requirement, setRequirement] = useState<RequirementChoice>('any');
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!kind && kinds.data?.items[0]) setKind(kinds.data.items[0].kind);
  }, [kind, kinds.data]);

  const start = useMutation({
    mutationFn: () => {
      const trainer = defined({
        lambdaRank: optionalNumber(lambdaRank),
        valueLoss: valueLoss || undefined,
        [lengthMode]: optionalNumber(length),
        batchSize: optionalNumber(batchSize),
        lr: optionalNumber(lr),
        evalEvery: optionalNumber(evalEvery),
        seed: optionalNumber(seed),
      }) as TTrainingHyperparameters;
      return trpc.training.create.mutate({
        datasetVersionId: versionId,
        ...(name.trim() ? { name: name.trim() } : {}),
        model: { kind, config: parseJsonObject(modelConfig, 'Model config') },
        trainer,
        ...(heldOut.trim() ? { heldOutShare: Number(heldOut) } : {}),
        requirements: requirementsOf(requirement),
      });
    },
    onSuccess: (run) => {
      void client.invalidateQueries({ queryKey: ['training.find'] });
      router.push(`/training/${run.id}`);
    },
  });
  const param = start.error ? errorInfo(start.error).param : null;
  const bad = (f: string) => param !== null && (param === f || param.endsWith(`.${f}`));
  const offered = kinds.data?.items.find((k) => k.kind === kind);
  const tooSmall = tooSmallToTrain(version, heldOut.trim() ? Number(heldOut) : DEFAULT_HELD_OUT_SHARE);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (tooSmall) return;
    try {
      parseJsonObject(modelConfig, 'Model config');
    } catch (error) {
      return setFormError((error as Error).message);
    }
    start.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Start a training run">
      <div className="form-grid">
        <VersionPicker value={versionId} onChange={(_, v) => setVersion(v)} invalid={bad('datasetVersionId') || tooSmall !== null} />
        <Field label="Run name" hint="optional">
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} name="runName" />
        </Field>
        <Field label="Model kind" invalid={bad('kind')} hint={kinds.data && kinds.data.items.length === 0 ? 'no live worker' : undefined}>
          <input list="model-kinds" value={kind} onChange={(e) => setKind(e.target.value)} required name="modelKind" />
          <datalist id="model-kinds">
            {kinds.data?.items.map((k) => (
              <option key={k.kind} value={k.kind} />
            ))}
          </datalist>
        </Field>
        <RequirementsFields value={requirement} onChange={setRequirement} invalid={bad('requirements') || bad('backend')} />
      </div>
      {offered && (
        <p className="small muted">
          Offered by {offered.workers.length} live worker(s): {offered.workers.map((w) => `${w.id} (${w.backend}${w.gpu ? ', GPU' : ''})`).join(', ')}.
        </p>
      )}
      <fieldset>
        <legend>Trainer (empty = trainer default)</legend>
        <div className="form-grid">
          <Field label="λ rank" hint="L = L_value + λ·L_rank" invalid={bad('lambdaRank')}>
            <input type="number" step="0.1" min={0} max={100} value={lambdaRank} onChange={(e) => setLambdaRank(e.target.value)} name="lambdaRank" />
          </Field>
          <Field label="Value loss" invalid={bad('valueLoss')}>
            <select value={valueLoss} onChange={(e) => setValueLoss(e.target.value as typeof valueLoss)}>
              <option value="">default (bce)</option>
              <option value="bce">bce</option>
              <option value="mse">mse</option>
            </select>
          </Field>
          <Field label="Length" invalid={bad('epochs') || bad('steps')}>
            <div className="row" style={{ flexWrap: 'nowrap' }}>
              <input type="number" min={0} step="any" value={length} onChange={(e) => setLength(e.target.value)} name="length" aria-label={lengthMode} />
              <select value={lengthMode} onChange={(e) => setLengthMode(e.target.value as 'epochs' | 'steps')} name="lengthMode" style={{ width: 'auto' }}>
                <option value="epochs">epochs</option>
                <option value="steps">steps</option>
              </select>
            </div>
          </Field>
          <Field label="Batch size" invalid={bad('batchSize')}>
            <input type="number" min={1} max={4096} value={batchSize} onChange={(e) => setBatchSize(e.target.value)} name="batchSize" />
          </Field>
          <Field label="Peak learning rate" invalid={bad('lr')}>
            <input type="number" step="any" min={0} value={lr} onChange={(e) => setLr(e.target.value)} placeholder="default" />
          </Field>
          <Field label="Eval every (steps)" invalid={bad('evalEvery')}>
            <input type="number" min={0} value={evalEvery} onChange={(e) => setEvalEvery(e.target.value)} name="evalEvery" />
          </Field>
          <Field label="Held-out share" invalid={bad('heldOutShare')}>
            <input type="number" step="0.05" min={0} max={0.9} value={heldOut} onChange={(e) => setHeldOut(e.target.value)} placeholder="0.2" />
          </Field>
          <Field label="Seed" invalid={bad('seed')}>
            <input type="number" value={seed} onChange={(e) => setSeed(e.target.value)} placeholder="default" />
          </Field>
        </div>
      </fieldset>
      <Field label="Model config" hint="JSON, passed to the model kind as given" invalid={bad('config')}>
        <textarea value={modelConfig} onChange={(e) => setModelConfig(e.target.value)} rows={2} className="mono" name="modelConfig" />
      </Field>
      {tooSmall && <div className="note error">{tooSmall}</div>}
      {formError && <div className="note error">{formError}</div>}
      <SubmitRow mutation={start} label="Start training" pendingLabel="Starting…" errorTitle="Could not start the run" disabled={!versionId || !kind || tooSmall !== null} />
    </form>
  );
}
