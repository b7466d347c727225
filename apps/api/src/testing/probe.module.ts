import { Body, Controller, Get, Injectable, Module, type OnApplicationShutdown, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';
import { type AppErrorKind, ERROR_KINDS } from '../errors/error-kinds';
import { ReadinessRegistry } from '../health/readiness.registry';

export const ZProbeBody = z.object({
  name: z.string().min(1),
  steps: z.array(z.object({ text: z.string(), score: z.number().min(0).max(1) })).default([]),
});

/** Test-only state the probe routes expose and the specs steer. */
@Injectable()
export class ProbeState {
  dependencyUp = true;
  shutdownAt: number | undefined;
  finishedRequests: number[] = [];
}

/** Routes that exist only in tests: throw each error kind, validate, run slowly, crash. */
@Controller('__probe')
export class ProbeController {
  constructor(private readonly state: ProbeState) {}

  @Get('error/:kind')
  @ApiErrors(404, 429)
  fail(@Param('kind') kind: string): never {
    if (!(kind in ERROR_KINDS)) throw AppError.notFound('error kind', kind);
    if (kind === 'rate_limited') throw AppError.rateLimited(7);
    throw new AppError(kind as AppErrorKind, `probe ${kind}`, kind === 'validation' ? { param: 'probe.field' } : {});
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  }

  @Post('echo')
  echo(@Body({ schema: ZProbeBody }) body: z.output<typeof ZProbeBody>) {
    return body;
  }

  @Get('items')
  items(@Query('limit', { schema: z.coerce.number().int().max(100) }) limit: number) {
    return { limit };
  }

  @Get('slow')
  async slow(@Query('ms') ms = '300') {
    await new Promise((resolve) => setTimeout(resolve, Number(ms)));
    this.state.finishedRequests.push(Date.now());
    return { waited: Number(ms) };
  }
}

@Injectable()
export class ProbeLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly state: ProbeState,
    readiness: ReadinessRegistry,
  ) {
    readiness.register('probe-dependency', () => {
      if (!this.state.dependencyUp) throw new Error('probe dependency is down');
    });
  }

  onApplicationShutdown(): void {
    this.state.shutdownAt = Date.now();
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeState, ProbeLifecycle] })
export class ProbeModule {}
