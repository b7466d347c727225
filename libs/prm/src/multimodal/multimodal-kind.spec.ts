import { beforeAll, describe, expect, it } from 'vitest';
import type { SolutionRecord } from '@prmbas/rollouts';
import { toProblem } from '@prmbas/tasks';
import { exportArtifact } from '../io/artifact';
import { resolveTrainerConfig } from '../train/trainer-config';
import { Trainer } from '../train/trainer';
import { useWasm } from '../testing/tf-testing';
import { multimodalKind } from './multimodal-kind';
import { tinySimData, TINY_MODEL } from './testing';

const quietLog = { info: () => undefined, warn: () => undefined };

describe('multimodalKind', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('trains from records with data-URL images and scores search items from its artifact', async () => {
    const data = await tinySimData(6, 11);
    const records: SolutionRecord[] = data.records.map((r) => ({ ...r, image: `data:image/png;base64,${Buffer.from(data.images.get(r.questionId)!).toString('base64')}` }));
    const trainer = resolveTrainerConfig({ steps: 3, batchSize: 16, evalEvery: 0 });
    const setup = await multimodalKind.createTraining({ records, datasetDigest: null, modelConfig: { ...TINY_MODEL }, trainer, heldOutShare: 0.3, signal: new AbortController().signal, log: quietLog });
    expect(setup.evalExamples?.length).toBeGreaterThan(0);
    const run = new Trainer({ model: setup.model, source: setup.source, config: { steps: 3, batchSize: 16, evalEvery: 0 } });
    await run.run({ resume: false });
    run.dispose();
    const artifact = await exportArtifact(setup.model, setup.artifact ?? {});
    const scorer = await multimodalKind.createScorer!(artifact);
    const q = data.questions[0]!;
    const { scores } = await scorer.prm.score([{ problem: toProblem(q), steps: [], candidate: records[0]!.steps[0]!.text, terminal: false }]);
    expect(scores).toHaveLength(1);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThan(1);
    scorer.dispose();
    setup.model.dispose();
  });
});
