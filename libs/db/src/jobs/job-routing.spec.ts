import { describe, expect, it } from 'vitest';
import { ALL_QUEUES, capabilityClass, parseQueueName, queueName, satisfies, workerQueues } from './job-routing';

describe('job routing', () => {
  it('puts a job in one queue per capability class', () => {
    expect(queueName('prm.train')).toBe('prm.train.any');
    expect(queueName('prm.train', { gpu: true })).toBe('prm.train.gpu');
    expect(queueName('prm.train', { backend: 'tensorflow-gpu' })).toBe('prm.train.gpu');
    expect(queueName('eval.run', { backend: 'wasm' })).toBe('eval.run.backend-wasm');
    expect(queueName('eval.run', { gpu: false })).toBe('eval.run.any');
    expect(() => capabilityClass({ gpu: true, backend: 'cpu' })).toThrow(/tensorflow-gpu/);
    expect(ALL_QUEUES).toHaveLength(15);
  });

  it('gives CPU workers no GPU queue, and GPU workers GPU work first', () => {
    expect(workerQueues({ backend: 'wasm', gpu: false }, ['prm.train'])).toEqual(['prm.train.backend-wasm', 'prm.train.any']);
    expect(workerQueues({ backend: 'tensorflow-gpu', gpu: true }, ['prm.train'])).toEqual(['prm.train.gpu', 'prm.train.any']);
    // A GPU machine kept off GPU jobs (WORKER_GPU=off) serves only jobs any worker may run.
    expect(workerQueues({ backend: 'tensorflow-gpu', gpu: false }, ['prm.train'])).toEqual(['prm.train.any']);
    for (const backend of ['tensorflow', 'wasm', 'cpu'] as const) {
      expect(workerQueues({ backend, gpu: false }).some((q) => q.endsWith('.gpu'))).toBe(false);
    }
  });

  it('agrees with satisfies() and parses its own names back', () => {
    const workers = [
      { backend: 'tensorflow-gpu', gpu: true },
      { backend: 'tensorflow-gpu', gpu: false },
      { backend: 'tensorflow', gpu: false },
      { backend: 'wasm', gpu: false },
      { backend: 'cpu', gpu: false },
    ] as const;
    for (const queue of ALL_QUEUES) {
      const parsed = parseQueueName(queue)!;
      expect(queueName(parsed.kind, parsed.requirements)).toBe(queue);
      for (const w of workers) expect(workerQueues(w).includes(queue)).toBe(satisfies(w, parsed.requirements));
    }
    expect(parseQueueName('prm.train.tpu')).toBeNull();
    expect(parseQueueName('smoke')).toBeNull();
  });
});
