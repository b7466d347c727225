/** The only place the evaluations domain touches Prisma: `eval.run` jobs and what they refer to. */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindEvaluationsRequest } from '@prmbas/contracts';
import { jobKindEnum, type Prisma, type PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

export const EVALUATION_VIEW_INCLUDE = {
  createdBy: { select: { id: true, email: true } },
  modelVersion: { select: { id: true, version: true, name: true } },
} as const satisfies Prisma.JobInclude;
export type EvaluationJob = Prisma.JobGetPayload<{ include: typeof EVALUATION_VIEW_INCLUDE }>;

const EVALUATION = jobKindEnum('eval.run');

@Injectable()
export class EvaluationsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findEvaluation(id: string): Promise<EvaluationJob | null> {
    return this.prisma.job.findFirst({ where: { id, kind: EVALUATION }, include: EVALUATION_VIEW_INCLUDE });
  }

  /** Newest first (ids are UUIDv7); one extra row says whether more exist. */
  findEvaluations(filter: TFindEvaluationsRequest): Promise<EvaluationJob[]> {
    return this.prisma.job.findMany({
      where: {
        kind: EVALUATION,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.datasetVersionId ? { datasetVersionId: filter.datasetVersionId } : {}),
        ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: EVALUATION_VIEW_INCLUDE,
    });
  }

  datasetVersion(id: string) {
    return this.prisma.datasetVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  modelVersionExists(id: string): Promise<boolean> {
    return this.prisma.modelVersion.count({ where: { id } }).then((n) => n > 0);
  }

  /** The version an alias points at now, null when there is no such alias. */
  aliasTarget(name: string): Promise<string | null> {
    return this.prisma.modelAlias.findUnique({ where: { name }, select: { modelVersionId: true } }).then((a) => a?.modelVersionId ?? null);
  }
}
