/**
 * POST /v1/chat/completions: OpenAI's Chat Completions API over PRM-guided search, so the official
 * SDKs work unchanged. `model` names a deployment. Without `stream` the answer comes back as the
 * assistant message; with `stream: true` as server-sent `chat.completion.chunk`s: the search's
 * events while it runs (in each chunk's `prmbas`, with an empty delta), then the solution's steps
 * as content deltas, then a chunk with the finish reason and the outcome, then `[DONE]`. Both
 * carry `prmbas: { trace_id, cost, strategy, ... }`; the `x-prmbas-trace-id` header names the
 * trace as soon as the response starts.
 */
import { setMaxListeners } from 'node:events';
import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@prmbas/contracts';
import type { Response } from 'express';
import { Auth, CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/error-responses';
import { toAppError } from '../errors/to-app-error';
import { requestIdOf } from '../logging/request-id';
import { ZChatCompletionRequest, type TChatCompletionRequest } from './chat-completion.schemas';
import { chunkBody, completionBody, eventExtension, finishReasonOf, outcomeExtension, serverTiming, STEP_SEPARATOR, type ServedOutcome } from './completion-bodies';
import { ServingRateLimitGuard } from './rate-limit/serving-rate-limit.guard';
import { ServedSearchService, type PreparedSearch } from './served-search.service';
import { SseWriter } from './sse-writer';

const TRACE_HEADER = 'x-prmbas-trace-id';

@ApiTags('openai')
@Controller('v1')
export class ChatCompletionsController {
  constructor(private readonly served: ServedSearchService) {}

  // Decorators apply bottom-up and guards run in the order added: declared above @Auth, the rate
  // limit runs after authentication (it would authenticate by itself anyway, memoised per request).
  @Post('chat/completions')
  @HttpCode(200)
  @UseGuards(ServingRateLimitGuard)
  @Auth({ scope: 'inference' })
  @ApiOperation({
    summary: 'Answer a question (text + image_url data URLs) by PRM-guided search; OpenAI-compatible, with `stream: true` for server-sent events',
  })
  @ApiBody({ schema: { type: 'object', description: 'OpenAI Chat Completions request; `model` is a deployment name; extension field `prmbas`' } })
  @ApiOkResponse({ description: '`chat.completion` (or a `text/event-stream` of `chat.completion.chunk`s) with the `prmbas` extension' })
  @ApiErrors(400, 404, 409, 413, 422, 429, 502, 503)
  async create(@Body({ schema: ZChatCompletionRequest }) body: TChatCompletionRequest, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const startedAt = performance.now();
    const prepared = await this.served.prepare(body, actor, startedAt);
    // A client that goes away cancels its search (the trace records it as cancelled).
    const abort = new AbortController();
    // Every in-flight policy call of the search listens on it (a wide beam: dozens at once).
    setMaxListeners(0, abort.signal);
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client closed the connection'));
    });
    if (prepared.stream) return this.stream(prepared, res, abort.signal);
    const outcome = await this.served.run(prepared, { signal: abort.signal });
    res.setHeader(TRACE_HEADER, outcome.traceId);
    res.setHeader('server-timing', serverTiming(outcome.timings));
    res.status(200).json(completionBody(outcome));
  }

  private async stream(prepared: PreparedSearch, res: Response, signal: AbortSignal): Promise<void> {
    const { traceId } = prepared;
    const meta = { traceId, deployment: prepared.live.deployment.name, created: prepared.created };
    const sse = new SseWriter(res);
    sse.open({ [TRACE_HEADER]: traceId });
    sse.send(chunkBody(meta, { role: 'assistant', content: '' }, null, { type: 'started', trace_id: traceId, deployment: meta.deployment, strategy: prepared.config }));
    let outcome: ServedOutcome;
    try {
      outcome = await this.served.run(prepared, {
        signal,
        onEvent: (event) => {
          if (event.type !== 'finished') sse.send(chunkBody(meta, {}, null, eventExtension(traceId, event)));
        },
      });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) res.err = error instanceof Error ? error : new Error(String(error));
      const message = appError.kind === 'internal' ? `Internal server error (request id ${requestIdOf(res.req)}).` : appError.message;
      sse.fail({ message, type: appError.type, code: appError.code });
      return;
    }
    outcome.result.solution.forEach((step, i) => sse.send(chunkBody(meta, { content: i === 0 ? step : `${STEP_SEPARATOR}${step}` }, null)));
    sse.send(chunkBody(meta, {}, finishReasonOf(outcome.result), { type: 'finished', ...outcomeExtension(outcome) }));
    sse.done();
  }
}
