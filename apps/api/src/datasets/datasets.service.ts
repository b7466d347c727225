/**
 * Datasets for the tRPC router (DatasetsService of @prmbas/contracts): create and list datasets,
 * build a version from the synth suite (a `dataset.build` job the workers run), freeze, delete,
 * browse questions, and the two edits allowed before a freeze. Import and export (files) are in
 * dataset-import.service.ts / dataset-export.ts behind the REST controller.
 */
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  DatasetsService as DatasetsServiceContract,
  TBuildDatasetVersionRequest,
  TBuildDatasetVersionResponse,
  TCreateDatasetRequest,
  TDataset,
  TDatasetQuestion,
  TDatasetVersion,
  TDeleteDatasetSolutionRequest,
  TDeleteDatasetSolutionResponse,
  TDeleteDatasetVersionRequest,
  TDeleteDatasetVersionResponse,
  TFindDatasetQuestionsRequest,
  TFindDatasetQuestionsResponse,
  TFindDatasetsRequest,
  TFindDatasetsResponse,
  TFreezeDatasetVersionRequest,
  TGetDatasetQuestionRequest,
  TGetDatasetRequest,
  TGetDatasetResponse,
  TGetDatasetVersionRequest,
  TUpdateDatasetQuestionRequest,
} from '@prmbas/contracts';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { JobsService } from '../jobs/jobs.service';
import { uuidV7 } from '../database/uuid-v7';
import { DatasetContentRepository } from './dataset-content.repository';
import { toDatasetView, toQuestionView, toVersionView } from './dataset-views';
import { DatasetsRepository } from './datasets.repository';

@Injectable()
export class DatasetsService implements DatasetsServiceContract {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly content: DatasetContentRepository,
    private readonly jobs: JobsService,
  ) {}

  async createDataset(input: TCreateDatasetRequest, actor: Actor): Promise<TDataset> {
    const row = await this.datasets.createDataset(auditContextOf(actor), { name: input.name, description: input.description ?? null, createdById: actor.user.id });
    return toDatasetView(row, undefined);
  }

  async findDatasets(input: TFindDatasetsRequest): Promise<TFindDatasetsResponse> {
    const rows = await this.datasets.findDatasets(input);
    const page = rows.slice(0, input.limit);
    const latest = await this.datasets.latestVersions(page.map((d) => d.id));
    return { items: page.map((d) => toDatasetView(d, latest.get(d.id))), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getDataset({ id }: TGetDatasetRequest): Promise<TGetDatasetResponse> {
    const row = await this.datasets.findDataset(id);
    if (!row) throw AppError.notFound('dataset', id, { param: 'id' });
    const versions = await this.datasets.versionsOf(id);
    return { ...toDatasetView(row, versions[0]), versions: versions.map(toVersionView) };
  }

  async getVersion({ id }: TGetDatasetVersionRequest): Promise<TDatasetVersion> {
    return toVersionView(await this.requireVersion(id, 'id'));
  }

  async buildVersion(input: TBuildDatasetVersionRequest, actor: Actor): Promise<TBuildDatasetVersionResponse> {
    const versionId = uuidV7();
    const audit = auditContextOf(actor);
    // The version is written first in the job's enqueue transaction; the jobs module then runs its
    // own checks on it (locked, building, no other build) and writes the job and `job.create`.
    const job = await this.jobs.create(
      { kind: 'dataset.build', payload: { datasetVersionId: versionId, suite: input.suite, policy: input.policy, build: input.build }, requirements: input.requirements },
      actor,
      {
        before: (tx) =>
          this.datasets.createBuildingVersion(tx, audit, {
            id: versionId,
            datasetId: input.datasetId,
            parentVersionId: input.parentVersionId ?? null,
            createdById: actor.user.id,
            config: input.build,
          }),
      },
    );
    return { version: toVersionView(await this.requireVersion(versionId, 'id')), job };
  }

  async freezeVersion({ id }: TFreezeDatasetVersionRequest, actor: Actor): Promise<TDatasetVersion> {
    await this.datasets.freezeVersion(auditContextOf(actor), id, actor.user.id);
    return this.getVersion({ id });
  }

  async deleteVersion({ id }: TDeleteDatasetVersionRequest, actor: Actor): Promise<TDeleteDatasetVersionResponse> {
    await this.datasets.deleteVersion(auditContextOf(actor), id);
    return { id };
  }

  async findQuestions(input: TFindDatasetQuestionsRequest): Promise<TFindDatasetQuestionsResponse> {
    await this.requireVersion(input.versionId, 'versionId');
    const rows = await this.content.findQuestions(input);
    const page = rows.slice(0, input.limit);
    return { items: page.map(toQuestionView), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getQuestion({ id }: TGetDatasetQuestionRequest): Promise<TDatasetQuestion> {
    const row = await this.content.findQuestion(id);
    if (!row) throw AppError.notFound('dataset question', id, { param: 'id' });
    return toQuestionView(row);
  }

  async updateQuestion(input: TUpdateDatasetQuestionRequest, actor: Actor): Promise<TDatasetQuestion> {
    await this.content.updateQuestion(auditContextOf(actor), input.id, { text: input.text, answer: input.answer });
    return this.getQuestion({ id: input.id });
  }

  async deleteSolution({ id }: TDeleteDatasetSolutionRequest, actor: Actor): Promise<TDeleteDatasetSolutionResponse> {
    const { datasetVersionId } = await this.content.deleteSolution(auditContextOf(actor), id);
    return { id, datasetVersionId };
  }

  private async requireVersion(id: string, param: string) {
    const detail = await this.datasets.findVersion(id);
    if (!detail) throw AppError.notFound('dataset version', id, { param });
    return detail;
  }
}
