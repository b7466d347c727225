/**
 * The job system's vocabulary, shared by the API (enqueue, list), the worker (consume) and the
 * console (show): job kinds, statuses, compute backends and the requirements a job may state.
 */
import { z } from 'zod';

/** What a job does; each kind is a pg-boss queue family (`<kind>.<capability class>`). */
export const JOB_KINDS = ['dataset.build', 'prm.train', 'eval.run'] as const;
export const ZJobKind = z.enum(JOB_KINDS, { error: `must be one of ${JOB_KINDS.join(', ')}` });
export type TJobKind = z.infer<typeof ZJobKind>;

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const ZJobStatus = z.enum(JOB_STATUSES, { error: `must be one of ${JOB_STATUSES.join(', ')}` });
export type TJobStatus = z.infer<typeof ZJobStatus>;

/** TensorFlow.js backends a worker can run on, best first (`@prmbas/prm` BackendName). */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const ZBackendName = z.enum(BACKEND_NAMES, { error: `must be one of ${BACKEND_NAMES.join(', ')}` });
export type TBackendName = z.infer<typeof ZBackendName>;

/**
 * What a job needs from the worker that runs it. `gpu: true` = a GPU worker (backend
 * tensorflow-gpu); `backend` = exactly that backend (e.g. `wasm`, to reproduce wasm numerics).
 * Nothing = any worker.
 */
export const ZJobRequirements = z
  .strictObject({
    gpu: z.boolean({ error: 'must be true or false' }).optional(),
    backend: ZBackendName.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.gpu === true && value.backend !== undefined && value.backend !== 'tensorflow-gpu') {
      ctx.addIssue({ code: 'custom', path: ['backend'], message: `a GPU job runs on tensorflow-gpu, not ${value.backend}` });
    }
  });
export type TJobRequirements = z.infer<typeof ZJobRequirements>;
