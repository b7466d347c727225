import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_VERSION } from '../app-info';
import { type THealthResponse, type TReadinessResponse, ZHealthResponse, ZReadinessResponse } from './health.schemas';
import { ReadinessRegistry } from './readiness.registry';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('healthz')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ standardSchema: ZHealthResponse })
  healthz(): THealthResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), version: APP_VERSION };
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: every registered dependency check passes (503 names the failing ones)' })
  @ApiOkResponse({ standardSchema: ZReadinessResponse })
  @ApiServiceUnavailableResponse({ standardSchema: ZReadinessResponse })
  async readyz(@Res({ passthrough: true }) res: Response): Promise<TReadinessResponse> {
    const report = await this.readiness.run();
    res.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
