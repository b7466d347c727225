/**
 * `GET /models/versions/:id/artifact`: a model version's artifact bytes, streamed from Postgres in
 * chunks (never held whole in memory), for anyone who may read the registry. Headers carry the
 * sha256 (`ETag`, `Repr-Digest`, `X-Content-SHA256`) and the size; the bytes are hashed as they go
 * out and, should they not match the stored sha256, the connection is cut before the end so the
 * client sees a failed download rather than a corrupt file. `If-None-Match` → 304.
 */
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Auth } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logging.module';
import { ModelsRepository } from './models.repository';

/** Bytes per query: big enough that the round trips do not dominate, small enough to stay cheap. */
export const ARTIFACT_CHUNK_BYTES = 1 << 20;

const ZModelVersionId = z.uuid({ error: 'must be a model version id (UUID)' });

@ApiTags('models')
@Controller('models')
export class ModelArtifactController {
  private readonly log: Logger;

  constructor(
    private readonly models: ModelsRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'model-artifact' });
  }

  @Get('versions/:id/artifact')
  @Auth()
  @ApiOperation({ summary: "Download a model version's artifact (streamed; sha256 in ETag and Repr-Digest)" })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The artifact bytes' })
  @ApiErrors(400, 404, 422)
  async download(@Param('id', { schema: ZModelVersionId }) id: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const info = await this.models.artifactInfo(id);
    if (!info) throw AppError.notFound('model version', id, { param: 'id' });
    if (info.storage !== 'postgres') throw AppError.unprocessable(`model version '${id}' keeps its artifact on a worker's disk, which this API cannot read`, { param: 'id' });
    const etag = `"${info.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      res.status(304).end();
      return;
    }
    const slug = info.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model';
    res.status(200);
    res.setHeader('Content-Type', info.contentType);
    res.setHeader('Content-Length', String(info.byteSize));
    res.setHeader('Content-Disposition', `attachment; filename="${slug}-v${info.version}.prmbas"`);
    res.setHeader('X-Content-SHA256', info.sha256);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(info.sha256, 'hex').toString('base64')}:`);
    const hash = createHash('sha256');
    try {
      for (let offset = 0; offset < info.byteSize && !res.destroyed; offset += ARTIFACT_CHUNK_BYTES) {
        const chunk = await this.models.readBlobChunk(info.blobId, offset, Math.min(ARTIFACT_CHUNK_BYTES, info.byteSize - offset));
        hash.update(chunk);
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    } catch (error) {
      this.log.error({ err: error, modelVersionId: id }, 'artifact download failed mid-stream');
      res.destroy();
      return;
    }
    if (res.destroyed) return;
    const sent = hash.digest('hex');
    if (sent !== info.sha256) {
      this.log.error({ modelVersionId: id, stored: info.sha256, sent }, 'artifact bytes do not match their sha256; download cut');
      res.destroy();
      return;
    }
    res.end();
  }
}
