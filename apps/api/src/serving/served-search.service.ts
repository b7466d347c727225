/**
 * One served reasoning request, in two phases so that every client error is a proper HTTP status
 * before a stream opens:
 *   prepare: the question from the messages (400), the deployment (404/409/503), whether its
 *            policy can read the images (422), the request's strategy (400);
 *   run:     the search (events to the caller as they happen), then the trace — stored for every
 *            request that got this far, succeeded or failed — and the metrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@prmbas/contracts';
import { OpenAIPolicyError, simPayloadOf } from '@prmbas/policy';
import { HttpPrmError } from '@prmbas/prm';
import { runSearch, type Problem, type SearchConfig, type SearchEventListener, type SearchResult } from '@prmbas/search';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { DeploymentResolver, type LiveDeployment } from '../deployments/deployment-resolver';
import { checkPrmForStrategy } from '../deployments/strategy-config';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logging.module';
import { DomainMetrics } from '../metrics/domain-metrics';
import { TraceRecorder } from '../traces/trace-recorder';
import { uuidV7 } from '../database/uuid-v7';
import type { AnswerFormat } from './answer-format';
import type { TChatCompletionRequest } from './chat-completion.schemas';
import type { ServedOutcome } from './completion-bodies';
import { questionFromMessages } from './problem-from-messages';
import { requestStrategy } from './request-strategy';
import { scoreAgainstSuite } from './suite-gold';

/** Where a served request's time went (ms), for the `Server-Timing` header. */
export interface ServedTimings {
  prepare: number;
  search: number;
  trace: number;
}

export interface PreparedSearch {
  traceId: string;
  /** Unix seconds, the `created` of the response. */
  created: number;
  /** performance.now() when the handler started: the trace's latency counts from here. */
  startedAt: number;
  actor: Actor;
  problem: Problem;
  format: AnswerFormat;
  config: SearchConfig;
  overrides: Record<string, unknown>;
  stream: boolean;
  live: LiveDeployment;
  /** performance.now() when prepare ended. */
  preparedAt: number;
}

@Injectable()
export class ServedSearchService {
  constructor(
    private readonly resolver: DeploymentResolver,
    private readonly recorder: TraceRecorder,
    private readonly metrics: DomainMetrics,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async prepare(request: TChatCompletionRequest, actor: Actor, startedAt: number): Promise<PreparedSearch> {
    const question = questionFromMessages(request, { maxImageBytes: this.config.serving.maxImageBytes });
    const live = await this.resolver.resolve(request.model);
    try {
      const traceId = uuidV7();
      const problem: Problem = { id: traceId, ...question.problem };
      if (live.deployment.policy.kind === 'sim') admitSimulatedPolicy(live.deployment.name, problem, question.imageParams);
      const { config, overrides } = requestStrategy(live.deployment.strategy, request);
      checkPrmForStrategy(config, live.deployment.prm.kind, 'prmbas.strategy.strategy');
      return {
        traceId,
        created: Math.floor(Date.now() / 1000),
        startedAt,
        actor,
        problem,
        format: question.format,
        config,
        overrides,
        stream: request.stream === true,
        live,
        preparedAt: performance.now(),
      };
    } catch (error) {
      live.release();
      throw error;
    }
  }

  /** Runs the search and stores its trace; rejects (after storing a failed trace) when the search fails. */
  async run(prepared: PreparedSearch, options: { signal: AbortSignal; onEvent?: SearchEventListener }): Promise<ServedOutcome> {
    const { live, problem, config } = prepared;
    let result: SearchResult | null = null;
    let failure: unknown = null;
    try {
      result = await runSearch(config, { policy: live.policy, prm: live.prm, problem, signal: options.signal, onEvent: options.onEvent });
    } catch (error) {
      failure = error;
    } finally {
      live.release();
    }
    const searchedAt = performance.now();
    const latencyMs = searchedAt - prepared.startedAt;
    const scored = result ? scoreAgainstSuite(problem, result.answer) : null;
    const cancelled = failure !== null && options.signal.aborted;
    this.metrics.recordSearch({
      strategy: config.strategy,
      outcome: failure === null ? 'ok' : cancelled ? 'cancelled' : 'error',
      ...(result ? { cost: result.cost } : { durationSeconds: latencyMs / 1000 }),
    });
    await this.recorder.record({
      id: prepared.traceId,
      deploymentId: live.deployment.id,
      actor: prepared.actor,
      prmModelVersionId: live.prmModelVersionId,
      problem,
      params: {
        config,
        overrides: prepared.overrides,
        answerFormat: prepared.format,
        stream: prepared.stream,
        policy: live.policy.name,
        prm: live.prm?.name ?? null,
      },
      strategy: config.strategy,
      result,
      error: failure === null ? null : cancelled ? `cancelled: ${messageOf(options.signal.reason ?? failure)}` : messageOf(failure),
      latencyMs,
      goldAnswer: scored?.goldAnswer ?? null,
      correct: scored?.correct ?? null,
    });
    if (failure !== null) throw this.searchError(failure, live.deployment.name);
    const timings = { prepare: prepared.preparedAt - prepared.startedAt, search: searchedAt - prepared.preparedAt, trace: performance.now() - searchedAt };
    return {
      timings,
      traceId: prepared.traceId,
      deployment: live.deployment.name,
      created: prepared.created,
      config,
      result: result!,
      policy: live.policy.name,
      prm: live.prm ? { name: live.prm.name, modelVersionId: live.prmModelVersionId } : null,
      latencyMs,
    };
  }

  /** Upstream servers failing is a 502 naming which; anything else is ours (500, logged by the filter). */
  private searchError(error: unknown, deployment: string): unknown {
    if (error instanceof OpenAIPolicyError) {
      return new AppError('unavailable', `deployment '${deployment}': the policy server failed: ${error.message}`, { status: 502, code: 'policy_error', cause: error });
    }
    if (error instanceof HttpPrmError) {
      return new AppError('unavailable', `deployment '${deployment}': the reward server failed: ${error.message}`, { status: 502, code: 'prm_error', cause: error });
    }
    this.logger.debug({ err: error, deployment }, 'served search failed');
    return error;
  }
}

/**
 * The simulated policy stands in for a vision-language model on the built-in synth suite only: it
 * "sees" an image through the suite's hidden PNG chunk. Any other image is a question it cannot
 * answer, which the caller can fix (send a suite image, or use a deployment with a real policy).
 */
function admitSimulatedPolicy(deployment: string, problem: Problem, imageParams: readonly string[]): void {
  try {
    simPayloadOf(problem);
  } catch {
    const which = problem.images.length === 0 ? 'the question has no image' : `the first image (${imageParams[0]}) is not one`;
    throw AppError.unprocessable(
      `deployment '${deployment}' runs the simulated policy, which can only read images of the built-in synthetic suite (PNGs carrying a prmbas-synth chunk, as \`prmbas synth\` writes them): ${which}. Use a deployment with a real (openai) policy for other images.`,
      { param: imageParams[0] ?? 'messages', code: 'unsupported_image' },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
