import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModelPlugins } from './model-plugins';
import { ModelRegistry } from './model-registry';

const PLUGIN = fileURLToPath(new URL('./testing/constant-kind.plugin.cjs', import.meta.url));

describe('loadModelPlugins', () => {
  it('registers the kinds a plugin module exports, and names a module that exports none', async () => {
    const registry = new ModelRegistry();
    expect(loadModelPlugins([PLUGIN], registry)).toEqual(['constant-test']);
    expect(registry.canLoad('constant-test')).toBe(true);
    const scorer = await registry.get('constant-test').createScorer!({ metadata: { modelName: 'x', modelConfig: {} }, weightSpecs: [], weightData: new Uint8Array() });
    expect((await scorer.prm.score([{ problem: { id: 'p', text: 'q', images: [], answerType: 'text' }, steps: [], candidate: 'c', terminal: false }])).scores).toEqual([0.5]);
    const notAPlugin = fileURLToPath(new URL('./testing/not-a-plugin.cjs', import.meta.url));
    expect(() => loadModelPlugins([notAPlugin], new ModelRegistry())).toThrow(`model plugin ${notAPlugin} does not export registerModels(registry)`);
  });
});
