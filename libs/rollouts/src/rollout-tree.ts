/**
 * The Monte-Carlo rollouts of ONE question, as a memoised tree, so that shared prefixes are never
 * regenerated.
 *
 * Canonical streams. The next step that "stream r" takes from a state is one policy call seeded by
 * (state, r) alone: seed = hash(state seed, 'rollout', r), where a state's seed is a hash chain over
 * the build seed, the question id and its step texts. So stream r from a state is one fixed
 * trajectory, whoever asks for it, in whatever order — and every trajectory through a state is,
 * from there on, that state's stream. Consequences:
 *   - rollout r of state s = s's stream r; s's value = share of streams 0..M-1 that end correct;
 *   - solution j of a question is stream j from the question, so its continuation after step i IS
 *     rollout j of the state ending at step i (reuse (a) in the brief: free when j < M);
 *   - rollout r of s, once it reaches a state s' whose stream r is known, stops: the rest is known
 *     (a node (s', r) is generated at most once per question);
 *   - identical states of different solutions or siblings share their value (reuse (b));
 *   - values depend only on (build seed, question, state), so a resumed build equals a whole one.
 * Rollouts of one state are independent (different streams); values of a state and of its
 * descendants are correlated through shared streams, as with any prefix reuse.
 */
import type { UsageMeter } from '@prmbas/policy';
import { hashSeed, Rng, type Policy, type Problem, type Proposal } from '@prmbas/search';
import { toProblem, type Question } from '@prmbas/tasks';
import type { DatasetBuildConfig } from './build-config';

/** Whether `answer` is right for `question` (which carries the gold answer). */
export type IsCorrectAnswer = (answer: string, question: Question) => boolean;

export interface RolloutState {
  steps: readonly string[];
  /** Exact identity within a question: the steps' JSON texts concatenated (self-delimiting). */
  key: string;
  seed: number;
}

export function rootState(buildSeed: number, questionId: string): RolloutState {
  return { steps: [], key: '', seed: hashSeed(buildSeed, 'question', questionId) };
}

export function childState(state: RolloutState, text: string): RolloutState {
  return { steps: [...state.steps, text], key: state.key + JSON.stringify(text), seed: hashSeed(state.seed, text) };
}

/** Seed of stream r's next step from `state`. */
export function streamSeed(state: RolloutState, r: number): number {
  return hashSeed(state.seed, 'rollout', r);
}

/** Seed of the call that samples the K siblings at `state`. */
export function siblingSeed(state: RolloutState): number {
  return hashSeed(state.seed, 'siblings');
}

/** Whether a fraction-`p` selection picks `state` for siblings (depends on the state only). */
export function picksState(state: RolloutState, p: number): boolean {
  return new Rng(hashSeed(state.seed, 'sibling-state')).chance(p);
}

interface RolloutNode {
  /** Stream r's next step from the node's state. */
  step: Proposal;
  /** Whether stream r from the node's state ends with a correct answer. */
  correct: boolean;
  /** Steps stream r writes from the node's state to its end. */
  length: number;
}

export interface StateValue {
  value: number;
  correct: number;
  rollouts: number;
  /** Rollouts whose first step this valuation generated. */
  fresh: number;
  /** Rollouts already known when valued (a solution or an earlier rollout had passed through). */
  reused: number;
  /** The value came whole from the question's state cache (the state was valued before). */
  cached: boolean;
  /** Total steps of the M rollouts: what a builder without reuse would generate for them. */
  rolloutSteps: number;
}

export interface RolloutTreeDeps {
  policy: Policy;
  isCorrect: IsCorrectAnswer;
  config: Pick<DatasetBuildConfig, 'rollouts' | 'siblings' | 'temperature' | 'maxSteps' | 'seed'>;
  usage: UsageMeter;
  signal?: AbortSignal;
}

export class RolloutTree {
  readonly root: RolloutState;
  private readonly problem: Problem;
  private readonly nodes = new Map<string, Promise<RolloutNode>>();
  private readonly values = new Map<string, Promise<StateValue>>();
  private readonly siblingSets = new Map<string, Promise<Proposal[]>>();

  constructor(
    private readonly question: Question,
    private readonly deps: RolloutTreeDeps,
  ) {
    this.problem = toProblem(question);
    this.root = rootState(deps.config.seed, question.id);
  }

  /** Whether a terminal step's answer is right (no answer: wrong). */
  answerCorrect(step: Proposal): boolean {
    return step.answer !== undefined && this.deps.isCorrect(step.answer, this.question);
  }

  /** Solution j: stream j from the question; `states[i]` is the state `steps[i]` was taken from. */
  async solution(j: number): Promise<{ steps: Proposal[]; states: RolloutState[] }> {
    const steps: Proposal[] = [];
    const states: RolloutState[] = [];
    let state = this.root;
    for (;;) {
      const { step } = await this.node(state, j);
      steps.push(step);
      states.push(state);
      if (step.terminal || steps.length >= this.deps.config.maxSteps) return { steps, states };
      state = childState(state, step.text);
    }
  }

  /** The Monte-Carlo value of a non-terminal state below `maxSteps`: M streams, each generated once. */
  async value(state: RolloutState): Promise<StateValue> {
    const known = this.values.get(state.key);
    if (known) return { ...(await known), cached: true, fresh: 0, reused: 0 };
    const estimate = this.rollOut(state);
    this.values.set(state.key, estimate);
    return estimate;
  }

  /** The K sibling steps sampled at `state` (one call; the same K for every solution through it). */
  siblings(state: RolloutState): Promise<Proposal[]> {
    let set = this.siblingSets.get(state.key);
    if (!set) {
      set = this.propose(state, this.deps.config.siblings, siblingSeed(state));
      this.siblingSets.set(state.key, set);
    }
    return set;
  }

  private async rollOut(state: RolloutState): Promise<StateValue> {
    const M = this.deps.config.rollouts;
    let fresh = 0;
    for (let r = 0; r < M; r++) if (!this.nodes.has(nodeKey(state, r))) fresh++;
    const outcomes = await Promise.all(Array.from({ length: M }, (_, r) => this.node(state, r)));
    const correct = outcomes.filter((o) => o.correct).length;
    const rolloutSteps = outcomes.reduce((sum, o) => sum + o.length, 0);
    return { value: correct / M, correct, rollouts: M, fresh, reused: M - fresh, cached: false, rolloutSteps };
  }

  private node(state: RolloutState, r: number): Promise<RolloutNode> {
    const key = nodeKey(state, r);
    let node = this.nodes.get(key);
    if (!node) {
      node = this.expand(state, r);
      this.nodes.set(key, node);
    }
    return node;
  }

  private async expand(state: RolloutState, r: number): Promise<RolloutNode> {
    const [step] = (await this.propose(state, 1, streamSeed(state, r))) as [Proposal];
    if (step.terminal) return { step, correct: this.answerCorrect(step), length: 1 };
    // Out of steps without an answer: the stream fails (as a rollout that never concludes in McPrm).
    if (state.steps.length + 1 >= this.deps.config.maxSteps) return { step, correct: false, length: 1 };
    const rest = await this.node(childState(state, step.text), r);
    return { step, correct: rest.correct, length: 1 + rest.length };
  }

  private async propose(state: RolloutState, n: number, seed: number): Promise<Proposal[]> {
    const { policy, config, usage, signal } = this.deps;
    signal?.throwIfAborted();
    const proposals = await policy.propose({
      problem: this.problem,
      steps: state.steps,
      n,
      temperature: config.temperature,
      seed,
      // Absolute depth, so that "finalize" is a property of the state and streams stay canonical.
      finalize: state.steps.length === config.maxSteps - 1,
      ...(signal ? { signal } : {}),
    });
    usage.add(proposals);
    if (proposals.length < n) throw new Error(`dataset build: policy ${policy.name} returned ${proposals.length} of ${n} proposals (question ${this.question.id})`);
    return proposals.slice(0, n);
  }
}

function nodeKey(state: RolloutState, r: number): string {
  return `${r}:${state.key}`;
}
