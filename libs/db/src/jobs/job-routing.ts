/**
 * Which worker may run which job, expressed as pg-boss queue names.
 *
 * Every job goes to exactly one queue `<kind>.<class>`, where the class is the capability the job
 * needs: `any`, `gpu`, or `backend-<name>` (exactly that TensorFlow.js backend). A worker fetches
 * only from the queues its own capabilities allow (`workerQueues`), so a CPU worker never even
 * asks for a `*.gpu` job: the separation is in what is fetched, not in a check after the fact.
 * (A check after fetching would have to hand the job back, which pg-boss can only do by failing
 * it, burning an attempt and delaying it.)
 */
import { BACKEND_NAMES, JOB_KINDS, type TBackendName, type TJobKind, type TJobRequirements } from '@prmbas/contracts';

export type CapabilityClass = 'any' | 'gpu' | `backend-${Exclude<TBackendName, 'tensorflow-gpu'>}`;

/** What a worker offers: the backend `initBackend` activated and whether it is a GPU. */
export interface WorkerCapabilities {
  backend: TBackendName;
  gpu: boolean;
}

/** The class a job's requirements put it in. Backend `tensorflow-gpu` is the GPU class. */
export function capabilityClass(requirements: TJobRequirements = {}): CapabilityClass {
  const { gpu, backend } = requirements;
  if (gpu === true || backend === 'tensorflow-gpu') {
    if (backend !== undefined && backend !== 'tensorflow-gpu') throw new Error(`job requirements: a GPU job runs on tensorflow-gpu, not ${backend}`);
    return 'gpu';
  }
  return backend === undefined ? 'any' : `backend-${backend}`;
}

export function queueName(kind: TJobKind, requirements: TJobRequirements = {}): string {
  return `${kind}.${capabilityClass(requirements)}`;
}

const CLASSES: readonly CapabilityClass[] = ['any', 'gpu', ...BACKEND_NAMES.filter((b) => b !== 'tensorflow-gpu').map((b) => `backend-${b}` as CapabilityClass)];

/** Every queue of the platform (created at start by API and workers alike). */
export const ALL_QUEUES: readonly string[] = JOB_KINDS.flatMap((kind) => CLASSES.map((c) => `${kind}.${c}`));

/** The kind and requirements a queue name stands for; null for a name that is not ours. */
export function parseQueueName(name: string): { kind: TJobKind; cls: CapabilityClass; requirements: TJobRequirements } | null {
  const kind = JOB_KINDS.find((k) => name.startsWith(`${k}.`));
  if (!kind) return null;
  const cls = name.slice(kind.length + 1) as CapabilityClass;
  if (!CLASSES.includes(cls)) return null;
  const requirements: TJobRequirements =
    cls === 'any' ? {} : cls === 'gpu' ? { gpu: true } : { backend: cls.slice('backend-'.length) as TBackendName };
  return { kind, cls, requirements };
}

/** Whether a worker with `capabilities` may run a job with `requirements`. */
export function satisfies(capabilities: WorkerCapabilities, requirements: TJobRequirements = {}): boolean {
  const cls = capabilityClass(requirements);
  if (cls === 'any') return true;
  if (cls === 'gpu') return capabilities.gpu;
  return !capabilities.gpu && backendClass(capabilities) === cls;
}

/** The backend class a non-GPU worker serves; none for a GPU machine told to stay off GPU jobs. */
function backendClass(capabilities: WorkerCapabilities): CapabilityClass | null {
  return capabilities.backend === 'tensorflow-gpu' ? null : (`backend-${capabilities.backend}` as CapabilityClass);
}

/**
 * The queues a worker consumes, most specific first within each kind (a GPU is scarce: a GPU
 * worker takes GPU jobs before jobs any worker could run). A GPU worker does not serve
 * `backend-tensorflow` etc.: a backend requirement asks for exactly that backend.
 */
export function workerQueues(capabilities: WorkerCapabilities, kinds: readonly TJobKind[] = JOB_KINDS): string[] {
  const own = backendClass(capabilities);
  const classes: CapabilityClass[] = capabilities.gpu ? ['gpu', 'any'] : own ? [own, 'any'] : ['any'];
  return kinds.flatMap((kind) => classes.map((c) => `${kind}.${c}`));
}
