/**
 * Export: a version's records as our JSONL (`SolutionRecord` per line) or TRL stepwise rows, as a
 * stream of lines read a page of questions at a time, so a version of any size is exported in
 * bounded memory. Importing our JSONL export back gives a version with the same digest.
 */
import { Injectable } from '@nestjs/common';
import type { TExportDatasetVersionQuery } from '@prmbas/contracts';
import { serialiseRecord, toTrlRows, type SolutionRecord } from '@prmbas/rollouts';
import { AppError } from '../errors/app-error';
import { DatasetContentRepository } from './dataset-content.repository';
import { DatasetsRepository } from './datasets.repository';

export interface DatasetExport {
  fileName: string;
  digest: string | null;
  recordCount: number;
  lines: AsyncIterable<string>;
}

@Injectable()
export class DatasetExportService {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly content: DatasetContentRepository,
  ) {}

  async open(versionId: string, query: TExportDatasetVersionQuery): Promise<DatasetExport> {
    const version = await this.datasets.findVersionRow(versionId);
    if (!version) throw AppError.notFound('dataset version', versionId, { param: 'versionId' });
    // A building or failed version is incomplete: its export would look like a whole dataset.
    if (version.status !== 'ready' && version.status !== 'frozen') {
      throw AppError.conflict(`dataset version '${versionId}' is ${version.status}: only ready or frozen versions are exported`, { param: 'versionId' });
    }
    const dataset = await this.datasets.findDataset(version.datasetId);
    const base = `${(dataset?.name ?? 'dataset').replace(/[^A-Za-z0-9._-]+/g, '_')}-v${version.version}`;
    return {
      fileName: query.format === 'trl' ? `${base}.trl.jsonl` : `${base}.jsonl`,
      digest: version.digest,
      recordCount: version.recordCount,
      lines: exportLines(this.content.streamRecords(versionId, query.images), query),
    };
  }
}

/** One line per record (ours) or per TRL row (one per solution, plus one per sibling when asked). */
export async function* exportLines(records: AsyncIterable<SolutionRecord>, query: TExportDatasetVersionQuery): AsyncGenerator<string> {
  for await (const record of records) {
    if (query.format === 'prmbas') {
      yield `${serialiseRecord(record)}\n`;
      continue;
    }
    for (const row of toTrlRows([record], { threshold: query.threshold, includeSiblings: query.includeSiblings, images: true })) yield `${JSON.stringify(row)}\n`;
  }
}
