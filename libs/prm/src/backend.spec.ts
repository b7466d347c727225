import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKEND_ORDER, getTf, initBackend, type BackendLogger } from './backend';

class FakeNativeBackend extends tf.KernelBackend {
  override dispose(): void {}
}

function recordingLogger(): BackendLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (message) => void lines.push(message) };
}

describe('initBackend', () => {
  afterAll(async () => {
    await initBackend({ prefer: 'wasm', logger: recordingLogger() });
  });

  it('picks the best backend that loads, says why better ones were skipped, and survives a broken tfjs-node-gpu', async () => {
    const logger = recordingLogger();
    const choice = await initBackend({ logger });
    const rank = BACKEND_ORDER.indexOf(choice.backend);
    expect(choice.skipped.map((s) => s.backend)).toEqual(BACKEND_ORDER.slice(0, rank));
    for (const s of choice.skipped) expect(s.reason.length).toBeGreaterThan(10);
    expect(getTf().getBackend()).toBe(choice.tfBackend);
    expect(choice.gpu).toBe(choice.backend === 'tensorflow-gpu');
    expect(logger.lines).toEqual([`tfjs backend: ${choice.backend}`]);
    if (choice.backend === 'wasm') {
      // This machine: the native binary of tfjs-node-gpu is missing and tfjs-node is not installed.
      expect(choice.skipped[0]!.reason).toMatch(/tfjs-node-gpu/);
      expect(choice.skipped[1]!.reason).toMatch(/tfjs-node'/);
      // tfjs-node-gpu registers its kernels before it fails to load its binary; none may linger.
      expect(tf.getKernelsForBackend('tensorflow')).toHaveLength(0);
      expect(tf.tidy(() => Array.from(tf.square(tf.tensor1d([3])).dataSync()))).toEqual([9]);
    }
  });

  it('is idempotent for one preference', async () => {
    const logger = recordingLogger();
    const a = initBackend({ prefer: 'wasm', logger });
    const b = initBackend({ prefer: 'wasm', logger });
    expect(await a).toBe(await b);
  });

  it('uses the one global engine, whatever copy of tfjs-core asks', async () => {
    await initBackend({ prefer: 'cpu', logger: recordingLogger() });
    expect(getTf().engine()).toBe((globalThis as { _tfengine?: unknown })._tfengine);
    expect(tf.getBackend()).toBe('cpu');
    const choice = await initBackend({ prefer: 'wasm', logger: recordingLogger() });
    expect(choice).toMatchObject({ backend: 'wasm', tfBackend: 'wasm', skipped: [] });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('cleans up after a native package that fails half-way, and falls back', async () => {
    const attempts: string[] = [];
    const choice = await initBackend({
      prefer: 'tensorflow',
      logger: recordingLogger(),
      requireModule: (id) => {
        attempts.push(id);
        tf.registerKernel({ kernelName: 'FakeOp', backendName: 'tensorflow', kernelFunc: () => ({}) as tf.TensorInfo });
        throw new Error('native binding missing\nsecond line');
      },
    });
    expect(attempts).toEqual(['@tensorflow/tfjs-node']);
    expect(choice.skipped).toEqual([{ backend: 'tensorflow', reason: "require('@tensorflow/tfjs-node') failed: native binding missing" }]);
    expect(choice.backend).toBe('wasm');
    expect(tf.getKernelsForBackend('tensorflow')).toHaveLength(0);
  });

  it('activates a native backend when its package loads', async () => {
    const choice = await initBackend({
      prefer: 'tensorflow-gpu',
      logger: recordingLogger(),
      // What tfjs-node-gpu does on load: register the 'tensorflow' backend.
      requireModule: () => tf.registerBackend('tensorflow', () => new FakeNativeBackend()),
    });
    expect(choice).toMatchObject({ backend: 'tensorflow-gpu', tfBackend: 'tensorflow', gpu: true, skipped: [] });
    expect(tf.getBackend()).toBe('tensorflow');
    tf.removeBackend('tensorflow');
  });
});
