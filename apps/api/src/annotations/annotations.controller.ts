/**
 * REST for a trace item's images (for <img src> in the annotation view; a dataset step's images
 * are served by the datasets controller). Everything else is tRPC (`annotations.*`).
 */
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Auth } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';
import { AnnotationQueuesRepository } from './annotation-queues.repository';

const ZItemId = z.uuid({ error: 'must be an annotation item id (UUID)' });
const ZPosition = z.coerce.number({ error: 'must be an image position' }).int('must be an integer').min(0, 'must be >= 0');

@ApiTags('annotations')
@Controller('annotations')
export class AnnotationsController {
  constructor(private readonly queues: AnnotationQueuesRepository) {}

  @Get('items/:itemId/images/:position')
  @Auth()
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOperation({ summary: "An image of a trace item's question (content-addressed: ETag is its sha256, cached privately)" })
  @ApiErrors(400, 404)
  async traceImage(
    @Param('itemId', { schema: ZItemId }) itemId: string,
    @Param('position', { schema: ZPosition }) position: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const image = await this.queues.traceImage(itemId, position);
    if (!image) throw AppError.notFound('trace item image', `${itemId}/${position}`, { param: 'position' });
    if (!image.data) throw AppError.unavailable(`trace item image ${itemId}/${position} is stored on disk, which this API does not serve`);
    const etag = `"${image.sha256}"`;
    res.set({ etag, 'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      res.status(304).end();
      return;
    }
    res.status(200).set({ 'content-type': image.contentType, 'content-length': String(image.byteSize) }).end(Buffer.from(image.data));
  }
}
