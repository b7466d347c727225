/**
 * REST for jobs (the console reaches the same service through tRPC: `jobs.create`, ...).
 * Researchers and admins enqueue and cancel; any signed-in user or key reads.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ZCancelJobResponse,
  ZCreateJobRequest,
  ZCreateJobResponse,
  ZFindJobsRequest,
  ZFindJobsResponse,
  ZGetJobResponse,
  type Actor,
  type TCreateJobRequest,
  type TFindJobsRequest,
  type TFindJobsResponse,
  type TJob,
} from '@prmbas/contracts';
import { z } from 'zod';
import { Auth, CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { JobsService } from './jobs.service';

const ZJobId = z.uuid({ error: 'must be a job id (UUID)' });

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @HttpCode(201)
  @Auth({ role: 'researcher' })
  @ApiOperation({ summary: 'Enqueue a job (dataset.build, prm.train, eval.run) with its requirements, e.g. { gpu: true }' })
  @ApiCreatedResponse({ standardSchema: ZCreateJobResponse })
  @ApiErrors(400, 404, 409, 422)
  create(@Body({ schema: ZCreateJobRequest }) body: TCreateJobRequest, @CurrentActor() actor: Actor): Promise<TJob> {
    return this.jobs.create(body, actor);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Jobs, newest first, filtered by status and kind' })
  @ApiOkResponse({ standardSchema: ZFindJobsResponse })
  @ApiErrors(400)
  find(@Query({ schema: ZFindJobsRequest }) query: TFindJobsRequest): Promise<TFindJobsResponse> {
    return this.jobs.find(query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One job: status, progress, attempts, worker, error, result' })
  @ApiOkResponse({ standardSchema: ZGetJobResponse })
  @ApiErrors(400, 404)
  get(@Param('id', { schema: ZJobId }) id: string): Promise<TJob> {
    return this.jobs.get({ id });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth({ role: 'researcher' })
  @ApiOperation({ summary: 'Cancel a job: a queued one at once; a running one when its worker sees the flag (within a heartbeat)' })
  @ApiOkResponse({ standardSchema: ZCancelJobResponse })
  @ApiErrors(400, 404, 409)
  cancel(@Param('id', { schema: ZJobId }) id: string, @CurrentActor() actor: Actor): Promise<TJob> {
    return this.jobs.cancel({ id }, actor);
  }
}
