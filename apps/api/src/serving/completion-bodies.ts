/**
 * Response bodies in OpenAI's shapes (`chat.completion`, `chat.completion.chunk`, `list` of
 * `model`s) with our extension: a top-level `prmbas` object (snake_case, as OpenAI's own fields)
 * carrying the trace id, the strategy, the cost record and, in streams, the search events.
 */
import type { CostRecord, SearchConfig, SearchEvent, SearchResult } from '@prmbas/search';

/** The step delimiter of the policies (PRM-BAS.md: a step ends at a blank line). */
export const STEP_SEPARATOR = '\n\n';

export interface ServedOutcome {
  traceId: string;
  deployment: string;
  /** Unix seconds of the request. */
  created: number;
  config: SearchConfig;
  result: SearchResult;
  policy: string;
  prm: { name: string; modelVersionId: string | null } | null;
  latencyMs: number;
  /** Server-side phases (ms): question + deployment + checks, the search, the trace write. */
  timings: { prepare: number; search: number; trace: number };
}

/** `Server-Timing` (W3C): where the server spent a request's time, readable by any HTTP client. */
export function serverTiming(timings: ServedOutcome['timings']): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`)
    .join(', ');
}

export function costView(cost: CostRecord) {
  return {
    policy_calls: cost.policyCalls,
    generated_steps: cost.generatedSteps,
    tokens: cost.tokens,
    prm_scored_steps: cost.prmScoredSteps,
    prm_batches: cost.prmBatches,
    scorer: { policy_calls: cost.scorer.policyCalls, generated_steps: cost.scorer.generatedSteps, tokens: cost.scorer.tokens },
    wall_ms: Math.round(cost.wallMs * 100) / 100,
  };
}

/** What every response and the last chunk of a stream carry in `prmbas`. */
export function outcomeExtension(outcome: ServedOutcome) {
  const { result } = outcome;
  return {
    trace_id: outcome.traceId,
    deployment: outcome.deployment,
    strategy: outcome.config,
    answer: result.answer,
    policy: outcome.policy,
    prm: outcome.prm ? { name: outcome.prm.name, model_version_id: outcome.prm.modelVersionId } : null,
    beam_widths: result.beamWidths,
    cost: costView(result.cost),
    latency_ms: Math.round(outcome.latencyMs),
  };
}

/** The assistant message: the chosen solution's steps (its last one states the answer). */
export function solutionText(result: SearchResult): string {
  return result.solution.join(STEP_SEPARATOR);
}

/** `stop` when a solution finished with an answer; `length` when the search ran out of depth or budget without one. */
export function finishReasonOf(result: SearchResult): 'stop' | 'length' {
  return result.answer === null ? 'length' : 'stop';
}

export function completionId(traceId: string): string {
  return `chatcmpl-${traceId}`;
}

export function completionBody(outcome: ServedOutcome) {
  return {
    id: completionId(outcome.traceId),
    object: 'chat.completion' as const,
    created: outcome.created,
    model: outcome.deployment,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: solutionText(outcome.result), refusal: null },
        finish_reason: finishReasonOf(outcome.result),
        logprobs: null,
      },
    ],
    prmbas: outcomeExtension(outcome),
  };
}

export interface ChunkMeta {
  traceId: string;
  deployment: string;
  created: number;
}

export function chunkBody(meta: ChunkMeta, delta: { role?: 'assistant'; content?: string }, finishReason: 'stop' | 'length' | null, prmbas?: Record<string, unknown>) {
  return {
    id: completionId(meta.traceId),
    object: 'chat.completion.chunk' as const,
    created: meta.created,
    model: meta.deployment,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    ...(prmbas ? { prmbas } : {}),
  };
}

/**
 * A search event as a chunk's `prmbas` (the `finished` event is not streamed: the last chunk
 * carries the outcome instead). Node texts travel in `candidates-generated`, scores in
 * `candidates-scored`, so a client can draw the tree as it grows.
 */
export function eventExtension(traceId: string, event: Exclude<SearchEvent, { type: 'finished' }>) {
  return { trace_id: traceId, ...event };
}
