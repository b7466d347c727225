/** Rows → the shapes contracts promise (dates as ISO strings, JSON columns as the search wrote them). */
import type { TTrace, TTraceCost, TTraceSummary, TTraceTreeNode } from '@prmbas/contracts';
import type { TraceRow, TraceSummaryRow } from './traces.repository';

export function toTraceSummary(row: TraceSummaryRow): TTraceSummary {
  return {
    id: row.id,
    deployment: { id: row.deployment.id, name: row.deployment.name },
    requestId: row.requestId,
    apiKeyId: row.apiKeyId,
    userId: row.userId,
    status: row.status,
    error: row.error,
    questionText: row.questionText,
    imageCount: row._count.images,
    strategy: row.strategy,
    answer: row.answer,
    correct: row.correct,
    prmModelVersionId: row.prmModelVersionId,
    cost: (row.cost as TTraceCost | null) ?? null,
    generatedSteps: row.generatedSteps,
    tokens: row.tokens,
    latencyMs: row.latencyMs,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTraceView(row: TraceRow): TTrace {
  return {
    ...toTraceSummary(row),
    params: (row.params as Record<string, unknown> | null) ?? null,
    tree: row.tree as unknown as TTraceTreeNode[],
    solution: row.solution,
    answerNode: row.answerNode,
    beamWidths: row.beamWidths,
    goldAnswer: row.goldAnswer,
    images: row.images.map((image) => ({
      position: image.position,
      blobId: image.blob.id,
      sha256: image.blob.sha256,
      mime: image.blob.contentType,
      byteSize: image.blob.byteSize,
      url: `/traces/${row.id}/images/${image.position}`,
    })),
  };
}
