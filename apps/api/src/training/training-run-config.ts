/**
 * The run form → the config stored on the run (`ZTrainingRunConfig`, what the worker reads).
 * Hyperparameters the form left out stay out, so the trainer's defaults (one place, @prmbas/prm)
 * apply; `epochs` becomes `steps` (the request, epochs included, is kept in the audit row).
 */
import { ZTrainingRunConfig, type TCreateTrainingRunRequest, type TTrainingRunConfig } from '@prmbas/contracts';

/** Default share of held-out questions, from the stored config's own schema. */
const DEFAULT_HELD_OUT_SHARE = ZTrainingRunConfig.shape.heldOutShare.parse(undefined);

/**
 * Steps for `epochs` passes over the training examples: every step row of the version (each
 * solution step and each sibling is one example) minus the held-out share, `batchSize` per step.
 * An estimate where a model kind builds its examples differently.
 */
export function stepsForEpochs(epochs: number, datasetSteps: number, batchSize: number, heldOutShare = DEFAULT_HELD_OUT_SHARE): number {
  const examples = Math.max(1, Math.round(datasetSteps * (1 - heldOutShare)));
  return Math.max(1, Math.ceil((epochs * examples) / batchSize));
}

export function trainingRunConfig(request: TCreateTrainingRunRequest, datasetSteps: number | null): TTrainingRunConfig {
  const t = request.trainer;
  const steps = t.epochs !== undefined && datasetSteps !== null ? stepsForEpochs(t.epochs, datasetSteps, t.batchSize!, request.heldOutShare) : t.steps;
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const lr = defined({ peak: t.lr, warmupSteps: t.warmupSteps });
  const loss = defined({ lambdaRank: t.lambdaRank, valueLoss: t.valueLoss });
  const trainer = defined({
    seed: t.seed,
    steps,
    batchSize: t.batchSize,
    evalEvery: t.evalEvery,
    checkpointEvery: t.checkpointEvery,
    progressEvery: t.progressEvery,
    ...(Object.keys(lr).length ? { lr } : {}),
    ...(Object.keys(loss).length ? { loss } : {}),
  });
  return ZTrainingRunConfig.parse({
    model: request.model,
    trainer,
    ...(request.heldOutShare !== undefined ? { heldOutShare: request.heldOutShare } : {}),
    ...(request.checkpointKeep !== undefined ? { checkpointKeep: request.checkpointKeep } : {}),
  });
}
