/**
 * The ready demo of a first start, made through the API like any client would, and idempotent: every
 * step first looks for what an earlier start made (or left half done: a build or training run that
 * a restart interrupted is waited for, since the worker resumes it), so a restart never duplicates.
 *
 *   dataset `demo-synth`   synth suite questions, Monte-Carlo step values by the simulated policy
 *                          (a `dataset.build` job), then frozen
 *   training run `demo-prm` the multimodal tfjs PRM on it (a `prm.train` job on the worker)
 *   alias `production`     -> the run's model version
 *   deployment `prm-bas-demo` PRM-BAS, simulated policy, PRM = alias production
 */
import type { TDatasetVersion, TTrainingRun } from '@prmbas/contracts';
import type { ApiClient } from './api-client';

export const DEMO_DATASET = 'demo-synth';
export const DEMO_RUN = 'demo-prm';
export const DEMO_ALIAS = 'production';
export const DEMO_DEPLOYMENT = 'prm-bas-demo';

/**
 * PRM-BAS as tuned for a learned PRM (the CLI's `prm-bas@t0.4-vote`, libs/prm/scripts/EXPERIMENTS.md):
 * 8 -> 4 beams, 4 candidates each, sampling at T = 0.4, duplicates kept, and a PRM-weighted vote
 * over finished solutions (a learned PRM's argmax at the last step is its weakest pick).
 */
export const DEMO_STRATEGY = { strategy: 'prm-bas', k: 4, schedule: { kind: 'linear', b0: 8, bMin: 4, delta: 2 }, temperature: 0.4, dedupe: false, select: 'weighted-vote' };

export interface DemoOptions {
  questions: number;
  trainSteps: number;
  print: (line: string) => void;
  /** Poll interval while waiting for jobs. */
  pollMs?: number;
  signal?: AbortSignal;
}

export interface DemoResult {
  datasetVersionId: string;
  modelVersionId: string;
  deployment: string;
  /** What this start created (empty when everything was there already). */
  created: string[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Prints a progress line when it changed and at most every `everyMs`. */
function progressPrinter(print: (line: string) => void, everyMs = 10_000) {
  let last = '';
  let at = 0;
  return (line: string) => {
    if (line === last || Date.now() - at < everyMs) return;
    last = line;
    at = Date.now();
    print(line);
  };
}

async function demoDatasetVersion(api: ApiClient, options: DemoOptions, created: string[]): Promise<TDatasetVersion> {
  const found = await api.datasets.find.query({ query: DEMO_DATASET, limit: 50 });
  let dataset = found.items.find((d) => d.name === DEMO_DATASET);
  if (!dataset) {
    dataset = await api.datasets.create.mutate({ name: DEMO_DATASET, description: 'Demo: synth suite questions with Monte-Carlo step values from the simulated policy (made by npm start).' });
    created.push(`dataset ${DEMO_DATASET}`);
  }
  const { versions } = await api.datasets.get.query({ id: dataset.id });
  let version = versions.find((v) => v.status === 'frozen') ?? versions.find((v) => v.status === 'ready') ?? versions.find((v) => v.status === 'building');
  if (!version) {
    const built = await api.datasets.buildVersion.mutate({ datasetId: dataset.id, suite: { kind: 'synth', size: options.questions, seed: 101 }, policy: { kind: 'sim' }, build: {} });
    version = built.version;
    created.push(`dataset version ${version.version} (${options.questions} questions)`);
  }
  const show = progressPrinter(options.print);
  while (version.status === 'building') {
    const pct = version.build?.progress == null ? 'queued' : `${Math.round(version.build.progress * 100)}%`;
    show(`demo dataset: building ${pct} (${version.stats.questions} questions, ${version.stats.steps} steps so far)`);
    await sleep(options.pollMs ?? 1_000, options.signal);
    version = await api.datasets.getVersion.query({ id: version.id });
  }
  if (version.status === 'failed') throw new Error(`the demo dataset build failed: ${version.error ?? 'no error recorded'} (delete dataset ${DEMO_DATASET} in the console to retry)`);
  if (version.status === 'ready') version = await api.datasets.freezeVersion.mutate({ id: version.id });
  options.print(`demo dataset: ${DEMO_DATASET} v${version.version} frozen, ${version.stats.questions} questions, ${version.stats.steps} steps`);
  return version;
}

async function demoTrainingRun(api: ApiClient, versionId: string, options: DemoOptions, created: string[]): Promise<TTrainingRun> {
  const runs = await api.training.find.query({ datasetVersionId: versionId, limit: 50 });
  let run = runs.items.find((r) => r.name === DEMO_RUN && r.status !== 'failed' && r.status !== 'cancelled');
  if (!run) {
    run = await api.training.create.mutate({
      datasetVersionId: versionId,
      name: DEMO_RUN,
      model: { kind: 'multimodal', config: {} },
      trainer: { steps: options.trainSteps, batchSize: 64, evalEvery: Math.max(100, Math.round(options.trainSteps / 5)) },
    });
    created.push(`training run ${DEMO_RUN} (${options.trainSteps} steps)`);
  }
  const show = progressPrinter(options.print);
  while (run.status === 'queued' || run.status === 'running') {
    const auroc = run.latestMetrics['eval/auroc'];
    show(`demo PRM: ${run.status} ${Math.round(run.progress * 100)}% (step ${run.step ?? 0}/${run.totalSteps ?? options.trainSteps}${auroc ? `, held-out AUROC ${auroc.value.toFixed(3)}` : ''})`);
    await sleep(options.pollMs ?? 1_000, options.signal);
    run = await api.training.get.query({ id: run.id });
  }
  if (run.status !== 'succeeded' || !run.modelVersion) throw new Error(`the demo PRM training run ${run.status}: ${run.error ?? 'no error recorded'}`);
  const auroc = run.latestMetrics['eval/auroc'];
  options.print(`demo PRM: trained in ${Math.round((run.durationMs ?? 0) / 1000)} s on ${run.backend ?? '?'}${auroc ? `, held-out step AUROC ${auroc.value.toFixed(3)}` : ''} -> model version ${run.modelVersion.name} v${run.modelVersion.version}`);
  return run;
}

export async function seedDemo(api: ApiClient, options: DemoOptions): Promise<DemoResult> {
  const created: string[] = [];
  const aliases = await api.models.aliases.find.query();
  let modelVersionId = aliases.items.find((a) => a.name === DEMO_ALIAS)?.modelVersion.id;
  let datasetVersionId = '';
  if (!modelVersionId) {
    const version = await demoDatasetVersion(api, options, created);
    datasetVersionId = version.id;
    const run = await demoTrainingRun(api, version.id, options, created);
    modelVersionId = run.modelVersion!.id;
    await api.models.aliases.move.mutate({ name: DEMO_ALIAS, modelVersionId, expectedModelVersionId: null });
    created.push(`alias ${DEMO_ALIAS}`);
  }
  const deployments = await api.deployments.find.query({ includeArchived: true, limit: 200 });
  if (!deployments.items.some((d) => d.name === DEMO_DEPLOYMENT)) {
    await api.deployments.create.mutate({
      name: DEMO_DEPLOYMENT,
      description: 'Demo: PRM-BAS (tuned for a learned PRM: T = 0.4, PRM-weighted vote) over the SIMULATED policy (reads synth suite images only), scored by the PRM aliased production.',
      policy: { kind: 'sim' },
      prm: { kind: 'alias', alias: DEMO_ALIAS },
      strategy: DEMO_STRATEGY,
    });
    created.push(`deployment ${DEMO_DEPLOYMENT}`);
  }
  return { datasetVersionId, modelVersionId, deployment: DEMO_DEPLOYMENT, created };
}
