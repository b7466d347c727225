import { describe, expect, it } from 'vitest';
import { CostMeter } from './cost-meter';
import { fakeClock } from './testing/expected-tree';

describe('CostMeter', () => {
  it('counts calls, steps, tokens, PRM batches and scorer usage by hand', () => {
    const meter = new CostMeter(fakeClock(5, 17));
    meter.policyCall([
      { text: 'a', terminal: false, tokens: 3 },
      { text: 'b', terminal: false, tokens: 4 },
    ]);
    meter.policyCall([]);
    meter.prmBatch(2, { policyCalls: 4, generatedSteps: 8, tokens: 20 });
    meter.prmBatch(1, { policyCalls: 1, generatedSteps: 2, tokens: 5 });
    meter.prmBatch(3);
    expect(meter.record()).toEqual({
      policyCalls: 2,
      generatedSteps: 2,
      tokens: 7,
      prmScoredSteps: 6,
      prmBatches: 3,
      scorer: { policyCalls: 5, generatedSteps: 10, tokens: 25 },
      wallMs: 12,
    });
  });

  it('reports tokens as null once any count is unknown', () => {
    const meter = new CostMeter(fakeClock(0));
    meter.policyCall([{ text: 'a', terminal: false, tokens: 3 }, { text: 'b', terminal: false }]);
    meter.policyCall([{ text: 'c', terminal: false, tokens: 3 }]);
    meter.prmBatch(1, { policyCalls: 1, generatedSteps: 1, tokens: null });
    meter.prmBatch(1, { policyCalls: 1, generatedSteps: 1, tokens: 9 });
    const record = meter.record();
    expect(record.tokens).toBeNull();
    expect(record.scorer).toEqual({ policyCalls: 2, generatedSteps: 2, tokens: null });
  });
});
