/**
 * Backend choice: the fastest TensorFlow.js backend that actually loads on this machine.
 *
 * Candidates, best first: `tensorflow-gpu` (@tensorflow/tfjs-node-gpu, an optional dependency),
 * `tensorflow` (@tensorflow/tfjs-node, not a dependency at all), `wasm`, `cpu`. The native ones
 * are loaded with a run-time `require` of a computed name, so neither TypeScript nor a bundler
 * needs them, and a missing or broken native binary only costs a skipped candidate.
 *
 * Which `tf` namespace? The native packages carry their own `require('@tensorflow/tfjs')`, which
 * may resolve to another copy of tfjs-core. That is safe: tfjs-core keeps its engine on the global
 * object (`globalThis._tfengine`) and its kernel and gradient registries in global maps, and
 * `instanceof Tensor` is symbol-based, so every copy shares one engine, one active backend and one
 * set of kernels. The rest of this library imports `@tensorflow/tfjs` directly; `getTf()` returns
 * that same namespace for callers outside the library, and `initBackend` verifies that the engine
 * it sees reports the chosen backend.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

/** All candidates, best first. A preference starts the search at that candidate. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendLogger {
  info(message: string, data?: Record<string, unknown>): void;
}

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendChoice {
  /** Our name for the backend (what a worker advertises). */
  backend: BackendName;
  /** The tfjs backend name now active (`tensorflow` for both native packages). */
  tfBackend: string;
  gpu: boolean;
  /** Better candidates that did not load, with why. */
  skipped: SkippedBackend[];
}

export interface InitBackendOptions {
  /** The best backend allowed; weaker ones remain fallbacks. Default 'auto' (= 'tensorflow-gpu'). */
  prefer?: BackendPreference;
  logger?: BackendLogger;
  /** How native packages are loaded; injectable so tests can simulate a broken install. */
  requireModule?: (id: string) => unknown;
}

const NATIVE_PACKAGE: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

const nodeRequire = createRequire(import.meta.url);

/** The tfjs namespace this library computes with (shares the global engine; see the file comment). */
export function getTf(): typeof tf {
  return tf;
}

const consoleLogger: BackendLogger = {
  info: (message, data) => console.info(`[prm] ${message}`, data ?? ''),
};

let current: { key: string; promise: Promise<BackendChoice> } | null = null;

/**
 * Pick and activate the best backend that loads. Idempotent: calls with the same preference share
 * one initialisation (and its result); a call with another preference chooses again.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendChoice> {
  const prefer = options.prefer ?? 'auto';
  if (current && current.key === prefer) return current.promise;
  const promise = chooseBackend(prefer, options.logger ?? consoleLogger, options.requireModule ?? nodeRequire);
  current = { key: prefer, promise };
  // A failed initialisation must not be cached: the next call tries again.
  promise.catch(() => {
    if (current?.promise === promise) current = null;
  });
  return promise;
}

/** The active choice, once `initBackend` has finished; null before. */
export async function currentBackend(): Promise<BackendChoice | null> {
  return current ? current.promise.catch(() => null) : null;
}

async function chooseBackend(
  prefer: BackendPreference,
  logger: BackendLogger,
  requireModule: (id: string) => unknown,
): Promise<BackendChoice> {
  const start = prefer === 'auto' ? 0 : BACKEND_ORDER.indexOf(prefer);
  if (start < 0) throw new Error(`initBackend: unknown backend preference '${String(prefer)}'`);
  const skipped: SkippedBackend[] = [];
  for (const candidate of BACKEND_ORDER.slice(start)) {
    const reason = await tryActivate(candidate, requireModule);
    if (reason === null) {
      const tfBackend = tf.getBackend();
      const choice: BackendChoice = { backend: candidate, tfBackend, gpu: candidate === 'tensorflow-gpu', skipped };
      logger.info(`tfjs backend: ${candidate}`, { ...choice });
      return choice;
    }
    skipped.push({ backend: candidate, reason });
  }
  throw new Error(`initBackend: no backend could be activated: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}

/** Activate one candidate; null on success, else the reason it was skipped. */
async function tryActivate(candidate: BackendName, requireModule: (id: string) => unknown): Promise<string | null> {
  try {
    if (candidate === 'tensorflow-gpu' || candidate === 'tensorflow') {
      const loaded = requireNative(NATIVE_PACKAGE[candidate], requireModule);
      if (loaded !== null) return loaded;
      return (await activate('tensorflow')) ? null : 'setBackend(tensorflow) returned false';
    }
    if (candidate === 'wasm') {
      // The .wasm binaries sit beside the package's node entry point (dist/); in Node a file path
      // with a trailing slash works as the prefix.
      const entry = nodeRequire.resolve('@tensorflow/tfjs-backend-wasm');
      setWasmPaths(path.dirname(entry) + path.sep);
    }
    return (await activate(candidate)) ? null : `setBackend(${candidate}) returned false`;
  } catch (error) {
    return firstLine(error);
  }
}

/**
 * Require a native package. Such packages register their kernels before loading the native
 * binary, so a failed load leaves kernels for a 'tensorflow' backend that never came to be; those
 * are removed so a later, working native package starts from a clean registry.
 */
function requireNative(id: string, requireModule: (id: string) => unknown): string | null {
  const before = new Set(tf.getKernelsForBackend('tensorflow').map((k) => k.kernelName));
  try {
    requireModule(id);
    return null;
  } catch (error) {
    for (const kernel of tf.getKernelsForBackend('tensorflow')) {
      if (!before.has(kernel.kernelName)) tf.unregisterKernel(kernel.kernelName, 'tensorflow');
    }
    return `require('${id}') failed: ${firstLine(error)}`;
  }
}

async function activate(tfBackend: string): Promise<boolean> {
  if (tf.findBackendFactory(tfBackend) === null) throw new Error(`backend '${tfBackend}' is not registered`);
  const ok = await tf.setBackend(tfBackend);
  await tf.ready();
  return ok && tf.getBackend() === tfBackend;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() ?? text;
}
