/**
 * REST for what does not fit tRPC's JSON: importing a file with images (multipart), exporting a
 * version (a streamed download) and a question's image bytes (for <img src>). The console reaches
 * everything else through tRPC (`datasets.*`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ZExportDatasetVersionQuery,
  ZImportDatasetVersionFields,
  ZImportDatasetVersionResponse,
  type Actor,
  type TDatasetVersion,
  type TExportDatasetVersionQuery,
  type TImportDatasetVersionFields,
} from '@prmbas/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Auth, CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { sendStoredImage, ZImagePosition } from '../images/stored-image-response';
import { DatasetContentRepository } from './dataset-content.repository';
import { DatasetExportService } from './dataset-export.service';
import { DatasetImportService } from './dataset-import.service';
import { DatasetUploadInterceptor, type UploadedPart, type UploadedParts } from './dataset-upload.interceptor';

const ZDatasetId = z.uuid({ error: 'must be a dataset id (UUID)' });
const ZVersionId = z.uuid({ error: 'must be a dataset version id (UUID)' });
const ZQuestionId = z.uuid({ error: 'must be a question id (UUID)' });

const asImage = (part: UploadedPart) => ({ name: part.originalname, mime: part.mimetype, data: new Uint8Array(part.buffer.buffer, part.buffer.byteOffset, part.buffer.byteLength) });

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly importer: DatasetImportService,
    private readonly exporter: DatasetExportService,
    private readonly content: DatasetContentRepository,
  ) {}

  @Post(':datasetId/versions/import')
  @HttpCode(201)
  @Auth({ role: 'researcher' })
  @UseInterceptors(DatasetUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Import a JSONL file (our records or TRL stepwise rows) with its images as a new version, all or nothing',
    description:
      'multipart/form-data: `file` (the JSONL), `images` (any number; a record\'s relative image path names a part by filename or last segment), `format` (prmbas | trl), `parentVersionId`, `idPrefix`. Images may also be data URLs or `blob:<sha256>` of an image stored here. A bad line answers 400 (422 when well-formed but unusable, 413 when too large) naming the line and field.',
  })
  @ApiCreatedResponse({ standardSchema: ZImportDatasetVersionResponse })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  importVersion(
    @Param('datasetId', { schema: ZDatasetId }) datasetId: string,
    @Body({ schema: ZImportDatasetVersionFields }) fields: TImportDatasetVersionFields,
    @UploadedFiles() parts: UploadedParts,
    @CurrentActor() actor: Actor,
  ): Promise<TDatasetVersion> {
    const file = parts?.file?.[0];
    return this.importer.importVersion({ datasetId, fields, file: file ? asImage(file) : undefined, images: (parts?.images ?? []).map(asImage) }, actor);
  }

  @Get('versions/:versionId/export')
  @Auth({ role: 'researcher' })
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Download a ready or frozen version as our JSONL or TRL stepwise JSONL (streamed)' })
  @ApiErrors(400, 404, 409)
  async exportVersion(
    @Param('versionId', { schema: ZVersionId }) versionId: string,
    @Query({ schema: ZExportDatasetVersionQuery }) query: TExportDatasetVersionQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const exported = await this.exporter.open(versionId, query);
    res.status(200).set({
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${exported.fileName}"`,
      'cache-control': 'no-store',
      'x-dataset-record-count': String(exported.recordCount),
      ...(exported.digest ? { 'x-dataset-digest': exported.digest } : {}),
    });
    try {
      await pipeline(Readable.from(exported.lines), res);
    } catch (error) {
      // Headers are gone: the client sees a cut-off download; the log says why.
      (req as Request & { log?: { warn(o: object, m: string): void } }).log?.warn({ err: error, versionId }, 'dataset export stopped');
    }
  }

  @Get('questions/:questionId/images/:position')
  @Auth()
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOperation({ summary: "A question image's bytes (content-addressed: ETag is its sha256, cached privately)" })
  @ApiErrors(400, 404)
  async questionImage(
    @Param('questionId', { schema: ZQuestionId }) questionId: string,
    @Param('position', { schema: ZImagePosition }) position: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    sendStoredImage(res, await this.content.questionImage(questionId, position), { kind: 'question image', id: `${questionId}/${position}` }, ifNoneMatch);
  }
}
