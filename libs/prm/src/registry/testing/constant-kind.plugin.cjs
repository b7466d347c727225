// TEST DOUBLE: a model plugin in plain CommonJS (loadable without a TypeScript hook) registering a
// kind whose scorer gives every step 0.5; model-plugins.spec.ts loads it as MODEL_PLUGINS would.
'use strict';

exports.registerModels = (registry) => {
  registry.register({
    kind: 'constant-test',
    description: 'TEST DOUBLE: scores every step 0.5',
    createTraining() {
      throw new Error('constant-test cannot be trained');
    },
    createScorer() {
      return { prm: { name: 'constant-test', score: async (items) => ({ scores: items.map(() => 0.5) }) }, dispose() {} };
    },
  });
};
