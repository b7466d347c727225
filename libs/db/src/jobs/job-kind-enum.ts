/** Job kinds as the API names them (`prm.train`) ↔ the `job_kind` enum of the `jobs` table. */
import type { TJobKind } from '@prmbas/contracts';
import { JobKind } from '../generated/prisma/client';

const TO_ENUM: Record<TJobKind, JobKind> = {
  'dataset.build': JobKind.dataset_build,
  'prm.train': JobKind.training,
  'eval.run': JobKind.evaluation,
};
const FROM_ENUM = Object.fromEntries(Object.entries(TO_ENUM).map(([name, value]) => [value, name])) as Record<JobKind, TJobKind>;

export function jobKindEnum(kind: TJobKind): JobKind {
  return TO_ENUM[kind];
}

export function jobKindName(kind: JobKind): TJobKind {
  return FROM_ENUM[kind];
}
