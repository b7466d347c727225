import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module';
import { TracesModule } from '../traces/traces.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ModelsController } from './models.controller';
import { ServingRateLimitGuard } from './rate-limit/serving-rate-limit.guard';
import { ServedSearchService } from './served-search.service';

/**
 * The OpenAI-compatible serving API: POST /v1/chat/completions (served search, streamed or not,
 * every request traced) and GET /v1/models. Deployments resolve through DeploymentsModule; traces
 * are written through TracesModule.
 */
@Module({
  imports: [DeploymentsModule, TracesModule],
  controllers: [ChatCompletionsController, ModelsController],
  providers: [ServedSearchService, ServingRateLimitGuard],
  exports: [ServedSearchService],
})
export class ServingModule {}
