/**
 * `dataset.build`: @prmbas/rollouts' buildDataset into a dataset version in Postgres.
 *
 * Resume: the store's doneIds are the solutions already in the database, so a retry (after a
 * worker died, or a shutdown) builds only the missing ones; values depend only on (build seed,
 * question, state), so the records are those an uninterrupted build writes. The version's header
 * (suite, policy, record-shaping config) is fixed by the first attempt, and a later attempt with
 * a different one is refused rather than mixing two builds in one version.
 */
import { ZDatasetBuildPayload, type TDatasetBuildPayload } from '@prmbas/contracts';
import { PostgresDatasetStore, questionImageRef, type DatasetVersion, type ImageStore, type Prisma, type PrismaClient } from '@prmbas/db';
import { BUILDER_VERSION, buildDataset, datasetDigest, resolveBuildConfig } from '@prmbas/rollouts';
import { isCorrect, stableStringify, suiteDigest } from '@prmbas/tasks';
import { createPolicy } from '../components/policy-factory';
import { synthQuestions } from '../components/synth-questions';
import type { JobContext, JobHandler } from './job-handler';

export interface DatasetBuildDeps {
  /** Where question images go (default: bytes in Postgres). */
  images?: ImageStore;
}

export function datasetBuildHandler(deps: DatasetBuildDeps = {}): JobHandler {
  return {
    kind: 'dataset.build',
    async run(ctx) {
      const payload = ZDatasetBuildPayload.parse(ctx.job.payload);
      const { prisma } = ctx;
      const version = await prisma.datasetVersion.findUnique({ where: { id: payload.datasetVersionId } });
      if (!version) throw new Error(`dataset version ${payload.datasetVersionId} does not exist`);
      if (version.status === 'ready' || version.status === 'frozen') {
        return { result: { datasetVersionId: version.id, records: version.recordCount, digest: version.digest, alreadyComplete: true } };
      }

      const questions = synthQuestions(payload.suite);
      const config = resolveBuildConfig(payload.build);
      const digestOfSuite = suiteDigest(questions);
      const { concurrency: _speedOnly, ...recordConfig } = config;
      const header = { builder: BUILDER_VERSION, suite: payload.suite, suiteDigest: digestOfSuite, policy: payload.policy, config: recordConfig };
      await adoptHeader(prisma, version, header, config);

      const store = new PostgresDatasetStore(prisma, version.id, { questions, digest: datasetDigest, images: deps.images });
      const report = await buildDataset({
        questions,
        policy: createPolicy(payload.policy),
        isCorrect: (answer, question) => isCorrect(answer, question.answer, question),
        store,
        config,
        imageRef: questionImageRef,
        provenance: { policySpec: payload.policy, suiteDigest: digestOfSuite },
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p.total > 0 ? p.done / p.total : 0),
      });
      const done = await prisma.datasetVersion.findUniqueOrThrow({ where: { id: version.id } });
      return {
        result: {
          datasetVersionId: version.id,
          records: done.recordCount,
          digest: done.digest,
          total: report.total,
          resumedRecords: report.skipped,
          stats: JSON.parse(JSON.stringify(report.stats)) as Prisma.InputJsonObject,
        },
      };
    },
    async onFinalFailure(ctx, error) {
      await markFailed(ctx, error instanceof Error ? error.message : String(error));
    },
    async onCancelled(ctx) {
      await markFailed(ctx, 'build cancelled (enqueue it again to resume)');
    },
  };
}

async function markFailed(ctx: JobContext, message: string): Promise<void> {
  const { datasetVersionId } = ctx.job.payload as TDatasetBuildPayload;
  await ctx.prisma.datasetVersion.updateMany({ where: { id: datasetVersionId, status: 'building' }, data: { status: 'failed', error: message } });
}

const isEmpty = (value: Prisma.JsonValue): boolean => value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** First attempt: record the header and config. Later attempts (resumes): the header must match. */
async function adoptHeader(prisma: PrismaClient, version: DatasetVersion, header: Record<string, unknown>, config: object): Promise<void> {
  if (!isEmpty(version.header)) {
    const field = firstDifference(version.header, header);
    if (field !== null) {
      throw new Error(`dataset version ${version.id} was built with another ${field} (stored ${stableStringify(pick(version.header, field))}, this job ${stableStringify(pick(header, field))}); build into a new version instead`);
    }
  }
  await prisma.datasetVersion.update({
    where: { id: version.id },
    data: { header: header as Prisma.InputJsonObject, config: config as Prisma.InputJsonObject, status: 'building', error: null },
  });
}

/** Dotted path of the first difference between two JSON values, null when equal. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (stableStringify(a) === stableStringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (diff !== null) return diff;
    }
  }
  return path || 'header';
}

function pick(value: unknown, path: string): unknown {
  return path === 'header' ? value : path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}
