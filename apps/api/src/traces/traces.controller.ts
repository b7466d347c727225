/** REST for traces of served requests (the console reads them through tRPC `traces.get|find`). */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZFindTracesRequest, ZFindTracesResponse, ZTrace, type TFindTracesRequest, type TFindTracesResponse, type TTrace } from '@prmbas/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { Auth } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { ZImagePosition } from '../images/stored-image-response';
import { TracesService } from './traces.service';

const ZTraceId = z.uuid({ error: 'must be a trace id (UUID)' });

@ApiTags('traces')
@Controller('traces')
@Auth()
export class TracesController {
  constructor(private readonly traces: TracesService) {}

  @Get()
  @ApiOperation({ summary: 'Traces of served requests, newest first: by deployment, status, correctness, cost (generated steps, tokens), latency and date' })
  @ApiOkResponse({ standardSchema: ZFindTracesResponse })
  @ApiErrors(400)
  find(@Query({ schema: ZFindTracesRequest }) query: TFindTracesRequest): Promise<TFindTracesResponse> {
    return this.traces.find(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One trace: question, images, the whole search tree, solution, answer, cost, latency, correctness' })
  @ApiOkResponse({ standardSchema: ZTrace })
  @ApiErrors(400, 404)
  get(@Param('id', { schema: ZTraceId }) id: string): Promise<TTrace> {
    return this.traces.get({ id });
  }

  @Get(':id/images/:position')
  @ApiOperation({ summary: "The bytes of one of a trace's images" })
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiErrors(400, 404)
  async image(@Param('id', { schema: ZTraceId }) id: string, @Param('position', { schema: ZImagePosition }) position: number, @Res() res: Response): Promise<void> {
    const image = await this.traces.image(id, position);
    res.setHeader('content-type', image.mime);
    res.setHeader('cache-control', 'private, max-age=31536000, immutable');
    res.end(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength));
  }
}
