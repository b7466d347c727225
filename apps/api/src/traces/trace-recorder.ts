/**
 * Writes the trace of one served request (the serving module calls it once per request, after the
 * search ended either way): the question and its images (blobs), the whole search tree, the chosen
 * solution and answer, the cost record (also as columns, for filtering), latency, the PRM version
 * actually used, and correctness when the gold answer is known.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '@prmbas/contracts';
import { DEFAULT_IMAGE_LIMITS } from '@prmbas/db';
import type { Problem, SearchResult } from '@prmbas/search';
import { AppConfig } from '../config/app-config';
import { TraceWriter } from './trace-writer';

export interface ServedTrace {
  id: string;
  deploymentId: string;
  actor: Actor;
  prmModelVersionId: string | null;
  problem: Problem;
  /** What shaped the search: the complete config, request overrides, the answer format. */
  params: Record<string, unknown>;
  strategy: string;
  /** Null when the search failed. */
  result: SearchResult | null;
  error: string | null;
  latencyMs: number;
  goldAnswer: string | null;
  correct: boolean | null;
}

@Injectable()
export class TraceRecorder {
  constructor(
    private readonly writer: TraceWriter,
    private readonly config: AppConfig,
  ) {}

  async record(trace: ServedTrace): Promise<void> {
    const { actor, result } = trace;
    const credential = actor.credential;
    await this.writer.insert(
      {
        id: trace.id,
        deploymentId: trace.deploymentId,
        requestId: actor.requestId,
        apiKeyId: credential.type === 'api_key' ? credential.apiKeyId : null,
        userId: actor.user.id,
        prmModelVersionId: trace.prmModelVersionId,
        status: trace.error === null ? 'succeeded' : 'failed',
        error: trace.error,
        questionText: trace.problem.text,
        params: trace.params,
        strategy: trace.strategy,
        tree: result?.tree ?? [],
        solution: result?.solution ?? [],
        answer: result?.answer ?? null,
        answerNode: result?.answerNode ?? null,
        beamWidths: result?.beamWidths ?? [],
        cost: result?.cost ?? null,
        generatedSteps: result?.cost.generatedSteps ?? null,
        tokens: result?.cost.tokens ?? null,
        latencyMs: Math.max(0, Math.round(trace.latencyMs)),
        goldAnswer: trace.goldAnswer,
        correct: trace.correct,
      },
      trace.problem.images.map((image) => ({ mime: image.mime, data: image.data, source: image.source ?? null })),
      { ...DEFAULT_IMAGE_LIMITS, maxBytes: this.config.serving.maxImageBytes },
    );
  }
}
