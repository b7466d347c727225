import { describe, expect, it } from 'vitest';
import { benchPrmCommand, formatThroughputTable } from './bench-prm';

describe('formatThroughputTable', () => {
  it('prints the backend, the machine and one line per figure with its unit', () => {
    const table = formatThroughputTable({
      backend: 'wasm',
      machine: { cpus: 2, cpuModel: 'x', loadAverage1m: 1.234 },
      rows: [
        { measure: 'training (optimizer step)', value: 1234.4, unit: 'examples/s', detail: 'batch 64' },
        { measure: 'inference inside PRM-BAS', value: 2500, unit: 'scored steps/s', detail: 'one forward per depth' },
        { measure: 'slow', value: 12.34, unit: 'examples/s', detail: '' },
      ],
    });
    const lines = table.split('\n');
    expect(lines[0]).toBe('multimodal PRM throughput on wasm (2 cores, load average 1.23 at the start)');
    expect(lines[1]).toMatch(/^measure\s+value\s+unit\s+detail$/);
    expect(table).toMatch(/^training \(optimizer step\)\s+1,234\s+examples\/s\s+batch 64$/m);
    expect(table).toMatch(/^inference inside PRM-BAS\s+2,500\s+scored steps\/s\s+one forward per depth$/m);
    expect(table).toMatch(/^slow\s+12\.3\s+examples\/s$/m);
  });
});

describe('benchPrmCommand flags', () => {
  it.each([
    [{ trainSteps: '0' }, '--train-steps: must be >= 1, got 0'],
    [{ warmupSteps: '-1' }, '--warmup-steps: must be >= 0, got -1'],
    [{ batch: 'big' }, '--batch: must be an integer, got big'],
    [{ questions: '1.5' }, '--questions: must be an integer, got 1.5'],
    [{ backend: 'tpu' }, '--backend: "tpu" is not one of'],
  ])('rejects %j before doing any work', async (flags, message) => {
    await expect(benchPrmCommand({ ...flags, quiet: true })).rejects.toThrow(message);
  });
});
