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
import { sendStoredImage, ZImagePosition } from '../images/stored-image-response';
import { AnnotationQueuesRepository } from './annotation-queues.repository';

const ZItemId = z.uuid({ error: 'must be an annotation item id (UUID)' });

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
    @Param('position', { schema: ZImagePosition }) position: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    sendStoredImage(res, await this.queues.traceImage(itemId, position), { kind: 'trace item image', id: `${itemId}/${position}` }, ifNoneMatch);
  }
}
