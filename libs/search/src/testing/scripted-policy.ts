/**
 * Test doubles: a policy whose every answer is written down in a table, so a test can derive
 * the expected tree by hand from the strategy's rules. Not exported from the library.
 */
import type { Policy, Proposal, ProposeRequest } from '../types';

/** Step texts `ans:X` are terminal with answer X; any other text is an ordinary step. */
export function parseStep(text: string): Proposal {
  return text.startsWith('ans:') ? { text, terminal: true, answer: text.slice(4) } : { text, terminal: false };
}

/** The table key of a state: its steps joined by '/', '' for the question. */
export const stateKey = (steps: readonly string[]): string => steps.join('/');

export interface ScriptedPolicyOptions {
  /**
   * State key -> candidates in order; a call asking for n gets n of them (from offset lane*n).
   * When `finalize` is set the key with a trailing '!' is read first, if present.
   */
  table: Record<string, string[]>;
  /** Seeds of calls that share a state but must differ (root calls of chains/subtrees): lanes[i] reads from offset i*n. */
  lanes?: readonly number[];
  /** Report tokens = text length. */
  tokens?: boolean;
}

export interface RecordedCall {
  steps: string[];
  n: number;
  temperature: number;
  seed: number;
  finalize: boolean;
}

export class ScriptedPolicy implements Policy {
  readonly name = 'scripted';
  readonly calls: RecordedCall[] = [];

  constructor(private readonly options: ScriptedPolicyOptions) {}

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    this.calls.push({
      steps: [...request.steps],
      n: request.n,
      temperature: request.temperature,
      seed: request.seed,
      finalize: request.finalize ?? false,
    });
    const key = stateKey(request.steps);
    const texts = (request.finalize ? this.options.table[`${key}!`] : undefined) ?? this.options.table[key];
    if (!texts) throw new Error(`ScriptedPolicy: no entry for state '${key}'`);
    const lane = Math.max(0, this.options.lanes?.indexOf(request.seed) ?? 0);
    return texts.slice(lane * request.n, lane * request.n + request.n).map((text) => {
      const step = parseStep(text);
      return this.options.tokens ? { ...step, tokens: text.length } : step;
    });
  }
}
