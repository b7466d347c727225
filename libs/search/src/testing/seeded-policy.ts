/**
 * Test doubles for property-style tests: a policy and a PRM whose outputs are pure functions of
 * the request (seed, state), like a real sampler with a fixed seed.
 */
import { hashSeed, Rng } from '../rng';
import type { Policy, Prm, PrmItem, PrmScores, Proposal, ProposeRequest } from '../types';

export class SeededPolicy implements Policy {
  readonly name = 'seeded';

  /** `terminalRate`: chance that a step after the first states an answer. */
  constructor(private readonly terminalRate = 0.3) {}

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    const rng = new Rng(hashSeed(request.seed, request.steps.join('/')));
    return Array.from({ length: request.n }, () => {
      const terminal = request.finalize === true || (request.steps.length > 0 && rng.chance(this.terminalRate));
      if (terminal) {
        const answer = String(rng.int(1, 4));
        return { text: `ans:${answer}`, terminal, answer, tokens: rng.int(5, 20) };
      }
      return { text: `s${rng.int(0, 9999)}`, terminal, tokens: rng.int(5, 20) };
    });
  }
}

/** A PRM whose score is a hash of the scored path; reports MC-style usage per batch. */
export class SeededPrm implements Prm {
  readonly name = 'seeded-prm';
  async score(items: readonly PrmItem[]): Promise<PrmScores> {
    const scores = items.map((item) => new Rng(hashSeed(...item.steps, item.candidate)).next());
    return { scores, usage: { policyCalls: items.length, generatedSteps: 2 * items.length, tokens: null } };
  }
}
