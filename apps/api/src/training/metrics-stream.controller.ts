/**
 * `GET /training/runs/:id/metrics/stream`: a run's metric points as server-sent events, pushed as
 * the worker writes them (see MetricsStreamSession for the events, MetricsStreamHub for how new
 * points are found). REST rather than tRPC because EventSource is what browsers reconnect for
 * free: it resends the last event id (`Last-Event-ID`), which is the stream's exact cursor.
 * `?after=<cursor>` starts after a cursor the caller already has (the `cursor` of the
 * `training.metrics` query as JSON, or a metrics event's id); neither: the whole series first.
 */
import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { TMetricsCursor } from '@prmbas/contracts';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Auth } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logging.module';
import { decodeCursor } from './metrics-cursor';
import { MetricsStreamHub } from './metrics-stream.hub';
import { MetricsStreamSession } from './metrics-stream.session';
import { TrainingRepository } from './training.repository';

const ZRunId = z.uuid({ error: 'must be a training run id (UUID)' });
const ZStreamQuery = z.strictObject({ after: z.string().max(8192).optional() });

@ApiTags('training')
@Controller('training')
export class MetricsStreamController {
  private readonly log: Logger;

  constructor(
    private readonly repo: TrainingRepository,
    private readonly hub: MetricsStreamHub,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'metrics-stream' });
  }

  @Get('runs/:id/metrics/stream')
  @Auth()
  @ApiOperation({
    summary: "A run's metric points as server-sent events (metrics / status / end), resumable with Last-Event-ID",
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'event: metrics (id = cursor) | status | end | close' })
  @ApiErrors(400, 404)
  async stream(
    @Param('id', { schema: ZRunId }) id: string,
    @Query({ schema: ZStreamQuery }) query: z.infer<typeof ZStreamQuery>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    // Errors before the stream starts are ordinary JSON answers.
    const cursor = this.cursorOf(lastEventId, query.after);
    if (!(await this.repo.runStatus(id))) throw AppError.notFound('training run', id, { param: 'id' });
    await new MetricsStreamSession(id, cursor, res, this.repo, this.hub, this.log).start();
  }

  /** Last-Event-ID (a reconnect) wins over `?after` (the page's first connection). */
  private cursorOf(lastEventId: string | undefined, after: string | undefined): TMetricsCursor {
    const [text, where] = lastEventId ? [lastEventId, 'Last-Event-ID'] : [after, 'after'];
    if (text === undefined || text === '') return {};
    const cursor = decodeCursor(text);
    if (!cursor) throw AppError.validation(`${where}: not a metrics cursor (use the id of a metrics event)`, { param: where });
    return cursor;
  }
}
