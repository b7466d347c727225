/**
 * Which PRM models a worker can train and score with, by kind (the `model.kind` of a training
 * run's config). The registry lives in @prmbas/prm (`registry/`) so the API loads the same kinds
 * for served search; this module keeps the worker's imports where they were.
 */
export { ModelRegistry, UnknownModelKindError } from '@prmbas/prm';
export type { ModelKind, ScorerSetup, TrainingInput, TrainingSetup } from '@prmbas/prm';
