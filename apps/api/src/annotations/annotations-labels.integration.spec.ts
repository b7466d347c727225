/**
 * Labels flowing into datasets, against the real server and Postgres: a step label on a frozen
 * version becomes a StepLabel that dataset browsing shows; labels on the nodes of a served trace
 * are stored per node and export into a new, unfrozen dataset version that carries them.
 */
import type { TAnnotationItem, TAnnotationQueue, TDatasetVersion, TExportAnnotationsResponse, TFindDatasetQuestionsResponse, TNextAnnotationItemResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles, userWithRole } from '../testing/auth-helpers';
import { buildRecords, createDataset, importedVersion, type BuiltRecords } from '../testing/dataset-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

describe('labels flow into datasets', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let annotator: { cookie: string; id: string; email: string };
  let built: BuiltRecords;

  beforeAll(async () => {
    const started = await startApiWithRoles();
    ({ api, prisma, researcher, viewer } = started);
    const { admin } = started;
    const a = await userWithRole(api, admin, 'annotator');
    annotator = { cookie: a.cookie, id: a.user.id, email: a.user.email };
    built = await buildRecords({ size: 3, seed: 9 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  const next = async (queueId: string) => (await trpcMutation<TNextAnnotationItemResponse>(api, 'annotations.next', { queueId }, { cookie: annotator.cookie })).data!.item!;

  it('a step label on a frozen version becomes a StepLabel shown when browsing the dataset', async () => {
    const { version } = await importedVersion(api, researcher, built);
    expect((await trpcMutation(api, 'datasets.freezeVersion', { id: version.id }, { cookie: researcher })).error).toBeUndefined();
    const queue = (await trpcMutation<TAnnotationQueue>(api, 'annotations.createQueue', { name: 'uncertain steps', source: { kind: 'dataset', datasetVersionId: version.id, valueMin: 0.01, valueMax: 0.99 } }, { cookie: researcher })).data!;
    expect(queue.progress.total).toBeGreaterThan(0);
    const item = await next(queue.id);
    expect(item).toMatchObject({ kind: 'step', suggestedScore: item.step!.value, trace: null });
    expect(item.step!.value).toBeGreaterThan(0.01);
    expect(item.step!.value).toBeLessThan(0.99);

    const twoLabels = await trpcMutation(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'correct' }, { label: 'incorrect' }] }, { cookie: annotator.cookie });
    expect(twoLabels.error?.data).toMatchObject({ httpStatus: 422, param: 'labels' });
    const done = await trpcMutation<TAnnotationItem>(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'incorrect', comment: 'the count is off by one' }] }, { cookie: annotator.cookie });
    expect(done.error).toBeUndefined();
    expect(done.data).toMatchObject({ status: 'done', labels: [{ nodeId: null, label: 'incorrect', comment: 'the count is off by one', author: { id: annotator.id } }] });

    const page = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: version.id, query: item.step!.question.externalId }, { cookie: viewer });
    const solution = page.data!.items[0]!.solutions.find((s) => s.id === item.step!.solutionId)!;
    const step = solution.steps.flatMap((s) => [s, ...(s.siblings ?? [])]).find((s) => s.id === item.step!.id)!;
    expect(step.labels).toEqual([expect.objectContaining({ label: 'incorrect', comment: 'the count is off by one', author: { id: annotator.id, email: annotator.email } })]);
    const after = (await trpcQuery<TDatasetVersion>(api, 'datasets.getVersion', { id: version.id }, { cookie: viewer })).data!;
    expect(after).toMatchObject({ status: 'frozen', digest: version.digest, stats: { labelledSteps: 1 } });
    expect(await prisma.auditLog.count({ where: { entityId: item.step!.id, action: 'dataset_step_label.upsert' } })).toBe(1);

    // A new queue of unlabelled steps leaves the labelled one out.
    const fresh = (await trpcMutation<TAnnotationQueue>(api, 'annotations.createQueue', { name: 'still unlabelled', source: { kind: 'dataset', datasetVersionId: version.id, valueMin: 0.01, valueMax: 0.99 } }, { cookie: researcher })).data!;
    expect(fresh.progress.total).toBe(queue.progress.total - 1);
    const exportSteps = await trpcMutation(api, 'annotations.exportToDataset', { queueId: queue.id, datasetId: version.datasetId }, { cookie: researcher });
    expect(exportSteps.error?.data).toMatchObject({ httpStatus: 422, param: 'queueId' });
  });

  it('labels the nodes of a served trace and exports them as a new unfrozen dataset version', async () => {
    const png = built.questions[0]!.images[0]!;
    const blob = await prisma.blob.upsert({
      where: { sha256: 'a'.repeat(64) },
      create: { sha256: 'a'.repeat(64), byteSize: png.data.byteLength, contentType: 'image/png', storage: 'postgres', data: Uint8Array.from(png.data) },
      update: {},
    });
    const deployment = await prisma.deployment.create({ data: { name: `dep-${Date.now()}`, policyConfig: { kind: 'sim' }, strategyConfig: { strategy: 'prm-bas' } } });
    const tree = [
      { id: 0, parent: null, depth: 0, text: 'Count the bars.', terminal: false, score: 0.8, status: 'expanded' },
      { id: 1, parent: 0, depth: 1, text: 'There are 4 bars.', terminal: false, score: 0.7, status: 'expanded' },
      { id: 2, parent: 1, depth: 2, text: 'Answer: 4', terminal: true, answer: '4', score: 0.6, status: 'finished' },
      { id: 3, parent: 0, depth: 1, text: 'There are 5 bars.', terminal: false, score: 0.2, status: 'pruned' },
    ];
    const trace = await prisma.trace.create({
      data: {
        deploymentId: deployment.id,
        questionText: 'How many bars are there?',
        strategy: 'prm-bas',
        tree,
        solution: ['Count the bars.', 'There are 4 bars.', 'Answer: 4'],
        answer: '4',
        answerNode: 2,
        goldAnswer: '3',
        correct: false,
        latencyMs: 12,
        images: { create: [{ position: 0, blobId: blob.id }] },
      },
    });
    const queue = (await trpcMutation<TAnnotationQueue>(api, 'annotations.createQueue', { name: 'served traces', source: { kind: 'traces', traceIds: [trace.id] } }, { cookie: researcher })).data!;
    expect(queue).toMatchObject({ kind: 'traces', progress: { total: 1 } });
    const item = await next(queue.id);
    // An item reviews a trace or a dataset step, never both nor neither (CHECK annotation_items_target_check).
    const someStep = await prisma.datasetStep.findFirstOrThrow();
    await expect(prisma.annotationItem.create({ data: { queueId: queue.id, traceId: trace.id, datasetStepId: someStep.id } })).rejects.toThrow(/annotation_items_target_check/);
    await expect(prisma.annotationItem.create({ data: { queueId: queue.id } })).rejects.toThrow(/annotation_items_target_check/);
    expect(item).toMatchObject({
      kind: 'trace',
      suggestedScore: 0.6,
      nodeSuggestions: [
        { nodeId: 0, score: 0.8 },
        { nodeId: 1, score: 0.7 },
        { nodeId: 2, score: 0.6 },
      ],
      trace: { id: trace.id, answerNode: 2, tree: expect.arrayContaining([expect.objectContaining({ id: 3, status: 'pruned' })]) },
    });
    const image = await api.request(item.trace!.images[0]!.url, { headers: { cookie: viewer } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    const offTree = await trpcMutation(api, 'annotations.submit', { itemId: item.id, labels: [{ nodeId: 99, label: 'correct' }] }, { cookie: annotator.cookie });
    expect(offTree.error?.data).toMatchObject({ httpStatus: 422, param: 'labels.0.nodeId' });
    // Label step by step (the lock is kept), then the last ones finish the item.
    const partial = await trpcMutation<TAnnotationItem>(api, 'annotations.submit', { itemId: item.id, labels: [{ nodeId: 0, label: 'correct' }], finish: false }, { cookie: annotator.cookie });
    expect(partial.data).toMatchObject({ status: 'in_progress', lock: { holder: { id: annotator.id } }, labels: [{ nodeId: 0, label: 'correct' }] });
    const finished = await trpcMutation<TAnnotationItem>(
      api,
      'annotations.submit',
      {
        itemId: item.id,
        labels: [
          { nodeId: 1, label: 'incorrect', comment: 'there are 3 bars' },
          { nodeId: 2, label: 'incorrect' },
          { nodeId: 3, label: 'neutral' },
        ],
        answerCorrect: false,
      },
      { cookie: annotator.cookie },
    );
    expect(finished.data).toMatchObject({ status: 'done', answerCorrect: false });
    expect(finished.data!.labels.map((l) => [l.nodeId, l.label])).toEqual([
      [0, 'correct'],
      [1, 'incorrect'],
      [2, 'incorrect'],
      [3, 'neutral'],
    ]);
    expect(await prisma.annotationLabel.count({ where: { itemId: item.id } })).toBe(4);

    const dataset = await createDataset(api, researcher);
    expect((await trpcMutation(api, 'annotations.exportToDataset', { queueId: queue.id, datasetId: dataset.id }, { cookie: annotator.cookie })).error?.data.code).toBe('FORBIDDEN');
    const exported = await trpcMutation<TExportAnnotationsResponse>(api, 'annotations.exportToDataset', { queueId: queue.id, datasetId: dataset.id }, { cookie: researcher });
    expect(exported.error).toBeUndefined();
    expect(exported.data).toMatchObject({ records: 2, skipped: [], version: { datasetId: dataset.id, status: 'ready', frozenAt: null, recordCount: 2, stats: { questions: 1, solutions: 2, steps: 5, labelledSteps: 5 } } });
    expect(await prisma.auditLog.count({ where: { entityId: exported.data!.version.id, action: 'dataset_version.create_from_annotations' } })).toBe(1);

    const page = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: exported.data!.version.id }, { cookie: viewer });
    const [question] = page.data!.items;
    expect(question).toMatchObject({ externalId: `trace-${trace.id}`, text: 'How many bars are there?', answer: '3', images: [expect.objectContaining({ sha256: 'a'.repeat(64) })] });
    const paths = question!.solutions.map((s) => s.steps.map((step) => [step.text, step.value, step.labels.map((l) => l.label)]));
    expect(paths).toEqual([
      [
        ['Count the bars.', 1, ['correct']],
        ['There are 4 bars.', 0, ['incorrect']],
        ['Answer: 4', 0, ['incorrect']],
      ],
      [
        ['Count the bars.', 1, ['correct']],
        ['There are 5 bars.', 0.5, ['neutral']],
      ],
    ]);
    expect(question!.solutions.map((s) => [s.finalAnswer, s.correct])).toEqual([
      ['4', false],
      [null, false],
    ]);
    // The new version is an ordinary unfrozen version: it can be frozen later.
    expect((await trpcMutation(api, 'datasets.freezeVersion', { id: exported.data!.version.id }, { cookie: researcher })).error).toBeUndefined();
  });
});
