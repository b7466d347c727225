/**
 * REST for deployments (the console reaches the same service through tRPC: `deployments.create`, ...).
 * Researchers and admins deploy; any signed-in user or key reads.
 */
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ZCreateDeploymentRequest,
  ZDeployment,
  ZFindDeploymentsRequest,
  ZFindDeploymentsResponse,
  ZUpdateDeploymentFields,
  type Actor,
  type TCreateDeploymentRequest,
  type TDeployment,
  type TFindDeploymentsRequest,
  type TFindDeploymentsResponse,
} from '@prmbas/contracts';
import { z } from 'zod';
import { Auth, CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { DeploymentsService } from './deployments.service';

const ZDeploymentId = z.uuid({ error: 'must be a deployment id (UUID)' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('deployments')
@Controller('deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @HttpCode(201)
  @Auth({ role: 'researcher' })
  @ApiOperation({ summary: 'Deploy: a name (the OpenAI `model`), a policy, a PRM (model version, alias, http reward server or none) and a search strategy' })
  @ApiCreatedResponse({ standardSchema: ZDeployment })
  @ApiErrors(400, 404, 409, 422)
  create(@Body({ schema: ZCreateDeploymentRequest }) body: TCreateDeploymentRequest, @CurrentActor() actor: Actor): Promise<TDeployment> {
    return this.deployments.create(body, actor);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Deployments, newest first (archived ones only when asked for)' })
  @ApiOkResponse({ standardSchema: ZFindDeploymentsResponse })
  @ApiErrors(400)
  find(@Query({ schema: ZFindDeploymentsRequest }) query: TFindDeploymentsRequest): Promise<TFindDeploymentsResponse> {
    return this.deployments.find(query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One deployment, by id or by name' })
  @ApiOkResponse({ standardSchema: ZDeployment })
  @ApiErrors(400, 404)
  get(@Param('id') idOrName: string): Promise<TDeployment> {
    return this.deployments.get(UUID.test(idOrName) ? { id: idOrName } : { name: idOrName });
  }

  @Patch(':id')
  @Auth({ role: 'researcher' })
  @ApiOperation({ summary: 'Change a deployment: the fields given replace the stored ones; the next request uses them' })
  @ApiOkResponse({ standardSchema: ZDeployment })
  @ApiErrors(400, 404, 409, 422)
  update(
    @Param('id', { schema: ZDeploymentId }) id: string,
    @Body({ schema: ZUpdateDeploymentFields }) body: z.infer<typeof ZUpdateDeploymentFields>,
    @CurrentActor() actor: Actor,
  ): Promise<TDeployment> {
    return this.deployments.update({ ...body, id }, actor);
  }

  @Delete(':id')
  @HttpCode(200)
  @Auth({ role: 'researcher' })
  @ApiOperation({ summary: 'Archive a deployment: no longer served or listed; its traces stay, its name stays reserved' })
  @ApiOkResponse({ standardSchema: ZDeployment })
  @ApiErrors(400, 404)
  delete(@Param('id', { schema: ZDeploymentId }) id: string, @CurrentActor() actor: Actor): Promise<TDeployment> {
    return this.deployments.delete({ id }, actor);
  }
}
