/**
 * The simulated multimodal policy: a stand-in for a vision-language model on the built-in synth
 * suite. It "sees" the image through the suite's hidden PNG chunk (the only component allowed to),
 * writes steps in the suite's templates, continues any prefix consistently with the values that
 * prefix states (so errors carry through), and errs like a model: random slips whose rate falls
 * with capability and rises with temperature, plus systematic errors that greedy decoding repeats.
 */
import { Rng, hashSeed, type Policy, type Proposal, type ProposeRequest } from '@prmbas/search';
import {
  type Step,
  type SynthPayload,
  SYNTH_CHUNK_KEYWORD,
  earlyAnswer,
  parseStep,
  renderStep,
  stepFitsProgram,
  synthPayloadOf,
} from '@prmbas/tasks';
import { sampleCategorical } from './categorical';
import { type SimPolicyConfig, resolveSimPolicyConfig } from './sim-policy-config';
import { type StepDistribution, stepDistribution } from './step-outcomes';

/** Read the synth payload of a problem or explain why the simulated policy cannot work on it. */
export function simPayloadOf(problem: ProposeRequest['problem']): SynthPayload {
  const payload = synthPayloadOf(problem);
  if (!payload) {
    throw new Error(
      `question ${problem.id}: the simulated policy can only read images of the built-in synth suite (its first image carries no ${SYNTH_CHUNK_KEYWORD} chunk)`,
    );
  }
  return payload;
}

/** Parse a state's steps and check they follow the question's plan; clear errors otherwise. */
export function parseState(payload: SynthPayload, steps: readonly string[], problemId: string): Step[] {
  const program = payload.program;
  return steps.map((text, i) => {
    const step = parseStep(text);
    if (!step) {
      throw new Error(`question ${problemId}: the simulated policy cannot parse step ${i + 1} of the state: ${JSON.stringify(text)}`);
    }
    const expected = program[i];
    if (!expected) {
      throw new Error(`question ${problemId}: the state has ${steps.length} steps but the question's plan has only ${program.length}`);
    }
    if (!stepFitsProgram(expected, step) || (step.kind === 'answer' && i < program.length - 1)) {
      throw new Error(`question ${problemId}: step ${i + 1} of the state (${JSON.stringify(text)}) does not fit the question's plan (expected a ${expected.kind} step)`);
    }
    return step;
  });
}

function approximateTokens(text: string): number {
  // Roughly what a BPE tokenizer gives for short English with numbers (~4 characters a token).
  return Math.max(1, Math.ceil(text.length / 4));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class SimPolicy implements Policy {
  readonly name: string;
  readonly config: SimPolicyConfig;

  constructor(config: Partial<SimPolicyConfig> = {}) {
    this.config = resolveSimPolicyConfig(config);
    this.name = this.config.name;
  }

  /** The next-step distribution for a state (for tests, calibration and inspection). */
  distribution(request: Pick<ProposeRequest, 'problem' | 'steps' | 'finalize'>): StepDistribution {
    const payload = simPayloadOf(request.problem);
    const stated = parseState(payload, request.steps, request.problem.id);
    if (stated.length >= payload.program.length) {
      throw new Error(`question ${request.problem.id}: the state already ends with the final answer; nothing to continue`);
    }
    if (request.finalize) {
      const step = earlyAnswer(payload, stated);
      return { outcomes: [{ step, text: renderStep(step), error: null, mass: 1 }], systematic: false };
    }
    return stepDistribution(payload, stated, this.config);
  }

  /** Synchronous core of `propose` (no latency): n candidates, candidate i seeded by (seed, i). */
  proposeNow(request: ProposeRequest): Proposal[] {
    if (!Number.isInteger(request.n) || request.n < 0) throw new Error(`propose: n must be a non-negative integer, got ${request.n}`);
    if (!(request.temperature >= 0)) throw new Error(`propose: temperature must be >= 0, got ${request.temperature}`);
    const { outcomes } = this.distribution(request);
    const logits = outcomes.map((o) => Math.log(o.mass));
    const proposals: Proposal[] = [];
    for (let i = 0; i < request.n; i++) {
      const outcome = outcomes[sampleCategorical(logits, request.temperature, new Rng(hashSeed(request.seed, i)))]!;
      const proposal: Proposal = { text: outcome.text, terminal: outcome.step.kind === 'answer', tokens: approximateTokens(outcome.text) };
      if (outcome.step.kind === 'answer') proposal.answer = outcome.step.answer;
      proposals.push(proposal);
    }
    return proposals;
  }

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    if (this.config.latencyMs > 0) await sleep(this.config.latencyMs, request.signal);
    if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
    return this.proposeNow(request);
  }
}
