/**
 * `ComputeBackend` (the database enum) ↔ the backend names of `@prmbas/prm` ('tensorflow-gpu' is
 * not a valid identifier, so the Prisma enum calls it `tensorflow_gpu`; Postgres stores 'tensorflow-gpu').
 */
import { ComputeBackend } from './generated/prisma/client';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export function backendFromName(name: BackendName): ComputeBackend {
  return name === 'tensorflow-gpu' ? ComputeBackend.tensorflow_gpu : name;
}

export function backendName(backend: ComputeBackend): BackendName {
  return backend === ComputeBackend.tensorflow_gpu ? 'tensorflow-gpu' : backend;
}
