/**
 * Import: an uploaded JSONL (our records or TRL stepwise rows) plus image parts becomes a new ready
 * version, all or nothing. Everything is checked before the first write (dataset-upload-parser.ts);
 * the write itself is one transaction (dataset-writer.repository.ts).
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, TDatasetVersion, TImportDatasetVersionFields } from '@prmbas/contracts';
import { summariseDataset } from '@prmbas/rollouts';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { DatasetContentRepository } from './dataset-content.repository';
import { decodeJsonl, parseUpload, prepareImport, storedImageRefs, type UploadedImage } from './dataset-upload-parser';
import { toVersionView } from './dataset-views';
import { DatasetWriterRepository } from './dataset-writer.repository';
import { DatasetsRepository } from './datasets.repository';
import { DATASET_UPLOAD_LIMITS, JSONL_MEDIA_TYPES, type DatasetUploadLimits } from './upload-limits';

export interface DatasetUpload {
  datasetId: string;
  fields: TImportDatasetVersionFields;
  /** The JSONL part (undefined when the form had none). */
  file: UploadedImage | undefined;
  images: readonly UploadedImage[];
}

@Injectable()
export class DatasetImportService {
  readonly limits: DatasetUploadLimits = DATASET_UPLOAD_LIMITS;

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly content: DatasetContentRepository,
    private readonly writer: DatasetWriterRepository,
  ) {}

  async importVersion(upload: DatasetUpload, actor: Actor): Promise<TDatasetVersion> {
    const { file, fields } = upload;
    if (!(await this.datasets.findDataset(upload.datasetId))) throw AppError.notFound('dataset', upload.datasetId, { param: 'datasetId' });
    if (!file) throw AppError.validation('file: send the JSONL as a multipart part named "file"', { param: 'file' });
    const mediaType = file.mime.split(';')[0]!.trim().toLowerCase();
    if (!JSONL_MEDIA_TYPES.includes(mediaType)) {
      throw new AppError('bad_request', `file: a JSONL file is expected, got media type '${mediaType}'`, { status: 415, code: 'unsupported_media_type', param: 'file' });
    }
    if (file.data.byteLength > this.limits.fileBytes) throw AppError.payloadTooLarge(`file: ${file.data.byteLength} bytes; the limit is ${this.limits.fileBytes}`, { param: 'file' });
    upload.images.forEach((image, i) => {
      if (image.data.byteLength > this.limits.images.maxBytes) {
        throw AppError.payloadTooLarge(`images.${i} (${image.name}): ${image.data.byteLength} bytes; the limit per image is ${this.limits.images.maxBytes}`, { param: `images.${i}` });
      }
    });

    const name = safeFileName(file.name);
    const records = parseUpload(decodeJsonl(file.data, name), name, fields.format, { idPrefix: fields.idPrefix, maxRecords: this.limits.records });
    const storedBlobs = await this.content.blobsBySha(storedImageRefs(records));
    const prepared = prepareImport(records, { file: name, format: fields.format, uploads: upload.images, storedBlobs, limits: this.limits.images });

    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const versionId = await this.writer.writeVersion(auditContextOf(actor), {
      datasetId: upload.datasetId,
      parentVersionId: fields.parentVersionId ?? null,
      createdById: actor.user.id,
      header: { source: 'import', format: fields.format, file: name, sha256, ...(fields.idPrefix ? { idPrefix: fields.idPrefix } : {}) },
      config: {},
      report: { lines: records.length, questions: prepared.questions.length, images: prepared.images, summary: summariseDataset(records.map((r) => r.record)) },
      questions: prepared.questions,
      solutions: prepared.solutions,
      auditAction: 'dataset_version.import',
    });
    const detail = await this.datasets.findVersion(versionId);
    return toVersionView(detail!);
  }
}

/** The name errors and the header use: the last path segment, printable, at most 200 characters. */
function safeFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  return base.replace(/[^\x20-\x7e]/g, '_').slice(0, 200) || 'upload.jsonl';
}
