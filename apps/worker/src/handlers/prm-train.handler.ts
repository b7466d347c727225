/**
 * `prm.train`: the @prmbas/prm Trainer on a dataset version, for the model kind the run names.
 *
 * Resume: checkpoints go to Postgres (PostgresCheckpointStore) and the trainer starts from the
 * newest one (`resume: 'latest'`): a retry after a worker died continues at that step, with the
 * weights, optimizer state and data position it had (the trainer's exact resume), so the run ends
 * where an uninterrupted one would. On a cancel or shutdown the trainer writes a last checkpoint.
 * Progress goes to the job and run rows as it happens; the metric series (train loss every
 * `progressEvery` steps, held-out metrics every `evalEvery`) to `training_metrics`.
 * At the end the artifact becomes a model version (bytes + sha256, metrics, lineage to the run,
 * its last checkpoint and the dataset version), once per run.
 */
import { ZPrmTrainPayload, ZTrainingRunConfig } from '@prmbas/contracts';
import { backendFromName, PostgresCheckpointStore, readDatasetRecords, recordMetricPoints, saveTrainedModelVersion, type Prisma } from '@prmbas/db';
import { ARTIFACT_FORMAT, encodeArtifact, exportArtifact, resolveTrainerConfig, Trainer, type TrainerConfigInput } from '@prmbas/prm';
import type { ModelRegistry } from '../models/model-registry';
import type { JobHandler } from './job-handler';

/** `ModelVersion.format` of artifacts written here: the @prmbas/prm container, version 1. */
export const MODEL_VERSION_FORMAT = `${ARTIFACT_FORMAT}/1`;

export function prmTrainHandler(deps: { models: ModelRegistry }): JobHandler {
  return {
    kind: 'prm.train',
    async run(ctx) {
      const { trainingRunId } = ZPrmTrainPayload.parse(ctx.job.payload);
      const { prisma, log } = ctx;
      const run = await prisma.trainingRun.findUnique({ where: { id: trainingRunId }, include: { datasetVersion: true } });
      if (!run) throw new Error(`training run ${trainingRunId} does not exist`);
      const made = await prisma.modelVersion.findFirst({ where: { trainingRunId }, include: { artifactBlob: { select: { sha256: true } } } });
      if (made) {
        // A retry after the model was stored but before the outcome was: nothing left to train.
        return { result: { modelVersionId: made.id, version: made.version, sha256: made.artifactBlob.sha256, alreadyComplete: true }, modelVersionId: made.id };
      }
      const config = ZTrainingRunConfig.parse(run.config);
      const dataset = run.datasetVersion;
      if (dataset.status !== 'ready' && dataset.status !== 'frozen') throw new Error(`dataset version ${dataset.id} is ${dataset.status}; training needs a ready or frozen version`);
      const kind = deps.models.get(config.model.kind);
      const trainerConfig = resolveTrainerConfig(config.trainer as TrainerConfigInput);

      await prisma.trainingRun.update({ where: { id: run.id }, data: { backend: backendFromName(ctx.capabilities.backend), totalSteps: trainerConfig.steps, error: null } });
      const records = await readDatasetRecords(prisma, dataset.id, { images: 'data-url' });
      if (records.length === 0) throw new Error(`dataset version ${dataset.id} has no records`);
      const setup = await kind.createTraining({
        records,
        datasetDigest: dataset.digest,
        modelConfig: config.model.config,
        trainer: trainerConfig,
        heldOutShare: config.heldOutShare,
        signal: ctx.signal,
        log,
      });
      const checkpoints = new PostgresCheckpointStore(prisma, run.id, {
        keepLast: config.checkpointKeep,
        writer: { workerId: ctx.workerId, attempt: ctx.lease.attempt, jobId: ctx.job.id },
      });
      // Metric writes in order, off the training loop (onProgress is synchronous); each evaluation waits for them.
      let writes: Promise<unknown> = Promise.resolve();
      const write = (step: number, values: Record<string, number | null>) => {
        writes = writes.then(() => recordMetricPoints(prisma, run.id, step, values)).catch((error: unknown) => log.warn({ err: error }, 'metric write failed'));
      };
      const trainer = new Trainer({
        model: setup.model,
        source: setup.source,
        evalExamples: setup.evalExamples,
        config: trainerConfig,
        checkpoints,
        onProgress: (p) => {
          ctx.progress(p.step / p.totalSteps, { progress: p.step / p.totalSteps, step: p.step, totalSteps: p.totalSteps });
          write(p.step, {
            'train/loss': p.loss,
            'train/value_loss': p.valueLoss,
            'train/rank_loss': p.rankLoss,
            'train/grad_norm': p.gradNorm,
            'train/pairs': p.pairs,
            'train/lr': p.lr,
            'train/ms_per_step': p.msPerStep,
            'train/examples_per_second': p.examplesPerSecond,
          });
        },
        onMetrics: async (m) => {
          write(m.step, {
            'eval/auroc': m.auroc,
            'eval/pair_accuracy': m.pairAccuracy,
            'eval/ece': m.ece,
            'eval/value_loss': m.valueLoss,
            'eval/rank_loss': m.rankLoss,
            'eval/train_loss': m.trainLoss,
          });
          await writes;
        },
      });
      try {
        const outcome = await trainer.run({ signal: ctx.signal, resume: 'latest' });
        await writes;
        if (outcome.status === 'aborted') throw ctx.signal.reason ?? new Error('training aborted');
        log.info({ step: outcome.step, resumedFrom: outcome.resumedFrom, elapsedMs: Math.round(outcome.elapsedMs) }, 'training finished');
        const metrics = outcome.lastEval ? numbersOf(outcome.lastEval) : {};
        const artifact = await exportArtifact(setup.model, {
          ...setup.artifact,
          trainingConfig: trainerConfig as unknown as Record<string, unknown>,
          ...(dataset.digest ? { dataDigest: dataset.digest } : {}),
          metrics,
          extra: { ...setup.artifact?.extra, modelKind: kind.kind, trainingRunId: run.id, datasetVersionId: dataset.id },
        });
        const { modelVersion, sha256 } = await saveTrainedModelVersion(prisma, {
          trainingRunId: run.id,
          name: run.name ?? `${kind.kind} (run ${run.id.slice(0, 8)})`,
          format: MODEL_VERSION_FORMAT,
          bytes: encodeArtifact(artifact),
          metrics: { ...metrics, steps: outcome.step },
          config: { kind: kind.kind, model: setup.model.config(), trainer: trainerConfig } as unknown as Prisma.InputJsonObject,
          checkpointId: await checkpoints.latestId(),
          datasetVersionId: dataset.id,
          createdById: run.createdById,
        });
        return {
          result: { modelVersionId: modelVersion.id, version: modelVersion.version, sha256, steps: outcome.step, resumedFrom: outcome.resumedFrom, metrics },
          modelVersionId: modelVersion.id,
        };
      } finally {
        trainer.dispose();
        setup.model.dispose();
        setup.dispose?.();
      }
    },
  };
}

/** The finite numbers of an evaluation (JSON has no NaN). */
function numbersOf(metrics: object): Record<string, number | null> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, typeof v === 'number' && Number.isFinite(v) ? v : null]));
}
