/** Rows → the shapes @prmbas/contracts promises (dates as ISO strings, ids, no bytes). */
import type { TDataset, TDatasetQuestion, TDatasetStep, TDatasetVersion, TQuestionImage, TStepLabel } from '@prmbas/contracts';
import { jobKindName } from '@prmbas/db';
import type { QuestionRow } from './dataset-content.repository';
import type { DatasetRow, VersionDetail } from './datasets.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Where the API serves a question image's bytes (datasets.controller.ts). */
export function questionImageUrl(questionId: string, position: number): string {
  return `/datasets/questions/${questionId}/images/${position}`;
}

export function toVersionView({ row, stats, build }: VersionDetail): TDatasetVersion {
  return {
    id: row.id,
    datasetId: row.datasetId,
    version: row.version,
    status: row.status,
    config: record(row.config),
    header: record(row.header),
    report: row.report === null ? null : record(row.report),
    digest: row.digest,
    recordCount: row.recordCount,
    parentVersionId: row.parentVersionId,
    error: row.error,
    frozenAt: iso(row.frozenAt),
    frozenBy: row.frozenBy,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stats,
    build:
      build && jobKindName(build.kind) === 'dataset.build'
        ? { jobId: build.id, status: build.status, progress: build.progress, attempts: build.attempts, workerId: build.workerId, error: build.error }
        : null,
  };
}

export function toDatasetView(row: DatasetRow, latest: VersionDetail | undefined): TDataset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    versionCount: row._count.versions,
    latestVersion: latest ? toVersionView(latest) : null,
  };
}

type StepRow = QuestionRow['solutions'][number]['steps'][number];

function toLabelView(label: StepRow['labels'][number]): TStepLabel {
  return { id: label.id, label: label.label, comment: label.comment, author: label.author, createdAt: label.createdAt.toISOString(), updatedAt: label.updatedAt.toISOString() };
}

/** A step's own fields (text, Monte-Carlo value, rollouts), as dataset browsing and annotation items show them. */
export function stepValueFields(step: Pick<StepRow, 'id' | 'position' | 'siblingIndex' | 'text' | 'value' | 'rollouts' | 'correctRollouts' | 'terminal' | 'answer'>) {
  return {
    id: step.id,
    position: step.position,
    siblingIndex: step.siblingIndex,
    text: step.text,
    value: step.value,
    rollouts: step.rollouts,
    correctRollouts: step.correctRollouts,
    terminal: step.terminal,
    answer: step.answer,
  };
}

function stepFields(step: StepRow) {
  return { ...stepValueFields(step), labels: step.labels.map(toLabelView) };
}

export function toQuestionImages(questionId: string, images: QuestionRow['images']): TQuestionImage[] {
  return images.map((image) => ({
    position: image.position,
    url: questionImageUrl(questionId, image.position),
    contentType: image.blob.contentType,
    byteSize: image.blob.byteSize,
    sha256: image.blob.sha256,
    source: image.source,
  }));
}

export function toQuestionView(row: QuestionRow): TDatasetQuestion {
  return {
    id: row.id,
    datasetVersionId: row.datasetVersionId,
    externalId: row.externalId,
    text: row.text,
    answer: row.answer,
    answerType: row.answerType,
    choices: row.choices,
    precision: row.precision,
    unit: row.unit,
    images: toQuestionImages(row.id, row.images),
    solutions: row.solutions.map((solution) => {
      const grouped = new Set(solution.siblingGroups.map((g) => g.position));
      const steps: TDatasetStep[] = [];
      for (const step of solution.steps) {
        if (step.siblingIndex === 0) steps.push({ ...stepFields(step), siblings: grouped.has(step.position) ? [] : null });
        else steps.find((s) => s.position === step.position)?.siblings?.push(stepFields(step));
      }
      return {
        id: solution.id,
        solutionIndex: solution.solutionIndex,
        finalAnswer: solution.finalAnswer,
        correct: solution.correct,
        meta: solution.meta === null ? null : record(solution.meta),
        steps,
      };
    }),
  };
}
