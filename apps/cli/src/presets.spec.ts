import { describe, expect, it } from 'vitest';
import { LEARNED_PRM_BAS, PRESETS } from './presets';
import { resolveStrategies } from './strategy-configs';

describe('presets', () => {
  const preset = PRESETS['default'];
  it('keeps the default strategy list (the README table) without the learned-PRM variant', () => {
    expect(preset?.strategies).toEqual(['greedy', 'self-consistency', 'best-of-n', 'beam', 'beam@4', 'dvts', 'prm-bas']);
  });
  it(`offers ${LEARNED_PRM_BAS}: PRM-BAS with the default widths at T = 0.4, no dedupe, PRM-weighted vote`, () => {
    const [bas, tuned] = resolveStrategies(['prm-bas', LEARNED_PRM_BAS], [preset?.overrides ?? {}]);
    expect(tuned?.name).toBe(LEARNED_PRM_BAS);
    expect(tuned?.config).toEqual({ ...bas?.config, temperature: 0.4, dedupe: false, select: 'weighted-vote' });
    expect(bas?.config).toMatchObject({ temperature: 0.8, dedupe: true, select: 'best' });
  });
});
