/**
 * GET /v1/models (and /v1/models/:model): the active deployments as OpenAI `model` objects, so
 * `client.models.list()` shows what `model` may name. `prmbas` says which strategy each runs.
 */
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { DeploymentsRepository } from '../deployments/deployments.repository';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';

interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  prmbas: { strategy: string | null };
}

function modelObject(row: { name: string; createdAt: Date; strategyConfig: unknown }): ModelObject {
  const strategy = (row.strategyConfig as { strategy?: unknown } | null)?.strategy;
  return { id: row.name, object: 'model', created: Math.floor(row.createdAt.getTime() / 1000), owned_by: 'prmbas', prmbas: { strategy: typeof strategy === 'string' ? strategy : null } };
}

@ApiTags('openai')
@Controller('v1/models')
@Auth({ scope: 'inference' })
export class ModelsController {
  constructor(private readonly deployments: DeploymentsRepository) {}

  @Get()
  @ApiOperation({ summary: 'The active deployments, as OpenAI models (id = deployment name)' })
  @ApiOkResponse({ description: '`{ object: "list", data: [{ id, object: "model", created, owned_by }] }`' })
  async list(): Promise<{ object: 'list'; data: ModelObject[] }> {
    const rows = await this.deployments.listActive();
    return { object: 'list', data: rows.map(modelObject) };
  }

  @Get(':model')
  @ApiOperation({ summary: 'One active deployment, as an OpenAI model' })
  @ApiOkResponse({ description: '`{ id, object: "model", created, owned_by }`' })
  @ApiErrors(404)
  async get(@Param('model') model: string): Promise<ModelObject> {
    const row = await this.deployments.findByName(model);
    if (!row || row.status !== 'active') {
      throw new AppError('not_found', `The model '${model}' does not exist: it must name an active deployment.`, { param: 'model', code: 'model_not_found' });
    }
    return modelObject(row);
  }
}
