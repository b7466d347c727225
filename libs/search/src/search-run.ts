/**
 * What every strategy shares: expanding states through the policy (concurrently, ids in a
 * deterministic order), scoring a whole depth through the PRM in one batch, the tree, the cost
 * meter, events, abort, and turning finished nodes into the result. Strategies only decide
 * which states to expand and which candidates survive.
 */
import { aggregate, chooseAnswer, majorityVote, type AnswerCandidate, type AnswerChoice } from './aggregate';
import { abortError, mapConcurrent, Semaphore, untilAborted } from './concurrency';
import { CostMeter, type Clock } from './cost-meter';
import type { SearchEvent, SearchEventListener } from './events';
import type { Aggregation, Selection } from './search-config';
import { prmSeed, proposeSeed } from './seeds';
import { TreeBuilder } from './tree-builder';
import type { Policy, Prm, PrmItem, Problem, SearchResult, TreeNode } from './types';

export interface SearchDeps {
  policy: Policy;
  /** Required by best-of-n, beam, dvts and prm-bas; ignored by greedy and self-consistency. */
  prm?: Prm;
  problem: Problem;
  signal?: AbortSignal;
  /** Receives progress events synchronously as the search advances; if it throws, the search fails. */
  onEvent?: SearchEventListener;
  /**
   * Share one in-flight limit across concurrent searches (e.g. one per policy server); when
   * absent each search gets its own limit of `config.concurrency`.
   */
  semaphore?: Semaphore;
  /** Time source for `cost.wallMs` (ms); defaults to `performance.now()`. */
  clock?: Clock;
}

/** One state to expand: a node (null = the question) asking for `n` candidates. */
export interface ExpandRequest {
  parent: number | null;
  n: number;
  /** Separates calls that share a parent (see `proposeSeed`). */
  lane?: number;
  /** Chain / subtree index recorded on the new nodes. */
  chain?: number;
}

export interface RunSettings {
  seed: number;
  concurrency: number;
}

export class SearchRun {
  readonly tree = new TreeBuilder();
  private readonly meter: CostMeter;
  private readonly semaphore: Semaphore;

  constructor(
    readonly strategy: string,
    private readonly settings: RunSettings,
    private readonly deps: SearchDeps,
  ) {
    this.meter = new CostMeter(deps.clock);
    this.semaphore = deps.semaphore ?? new Semaphore(settings.concurrency);
  }

  emit(event: SearchEvent): void {
    this.deps.onEvent?.(event);
  }

  throwIfAborted(): void {
    const signal = this.deps.signal;
    if (signal?.aborted) throw abortError(signal);
  }

  /**
   * Expand every request of one depth: all policy calls start together (up to the concurrency
   * limit); once all returned, new nodes get ids in request order then proposal order, and the
   * parents become 'expanded'. Returns the new nodes per request.
   */
  async expand(
    depth: number,
    requests: readonly ExpandRequest[],
    options: { temperature: number; finalize: boolean; width: number },
  ): Promise<TreeNode[][]> {
    this.throwIfAborted();
    this.emit({ type: 'depth-started', depth, parents: requests.map((r) => r.parent), width: options.width });
    const { policy, problem, signal } = this.deps;
    const proposals = await mapConcurrent(
      requests,
      this.semaphore,
      async (r) => {
        const call = policy.propose({
          problem,
          steps: this.tree.steps(r.parent),
          n: r.n,
          temperature: options.temperature,
          seed: proposeSeed(this.settings.seed, r.parent, depth, r.lane ?? 0),
          finalize: options.finalize,
          signal,
        });
        const got = await untilAborted(call, signal);
        return got.slice(0, r.n); // a backend that over-delivers must not inflate the budget
      },
      signal,
    );
    this.throwIfAborted();
    const created = requests.map((r, i) => {
      const kept = proposals[i] ?? [];
      this.meter.policyCall(kept);
      if (r.parent !== null) this.tree.setStatus(r.parent, 'expanded');
      return kept.map((p) => this.tree.add(r.parent, depth, p, r.chain));
    });
    this.emit({ type: 'candidates-generated', depth, nodes: created.flat().map((n) => ({ ...n })) });
    return created;
  }

  /** Score all `nodes` of one depth in ONE PRM call and record the scores on the nodes. */
  async score(depth: number, nodes: readonly TreeNode[]): Promise<void> {
    if (nodes.length === 0) return;
    this.throwIfAborted();
    const prm = this.requirePrm();
    const items: PrmItem[] = nodes.map((n) => {
      const item: PrmItem = { problem: this.deps.problem, steps: this.tree.steps(n.parent), candidate: n.text, terminal: n.terminal };
      if (n.answer !== undefined) item.answer = n.answer;
      return item;
    });
    const { signal } = this.deps;
    const { scores, usage } = await untilAborted(prm.score(items, { seed: prmSeed(this.settings.seed, depth), signal }), signal);
    this.throwIfAborted();
    if (scores.length !== items.length) {
      throw new Error(`PRM ${prm.name} returned ${scores.length} scores for ${items.length} steps`);
    }
    scores.forEach((s, i) => {
      if (!Number.isFinite(s) || s < 0 || s > 1) throw new Error(`PRM ${prm.name} returned score ${s} for step ${i} (must be in [0, 1])`);
      this.tree.setScore((nodes[i] as TreeNode).id, s);
    });
    this.meter.prmBatch(items.length, usage);
    this.emit({ type: 'candidates-scored', depth, scores: nodes.map((n) => ({ id: n.id, score: n.score as number })) });
  }

  requirePrm(): Prm {
    const prm = this.deps.prm;
    if (!prm) throw new Error(`${this.strategy} needs a PRM: pass { prm } to runSearch`);
    return prm;
  }

  /** Finished nodes with an answer, as answer candidates; `order` breaks ties (lower wins). */
  candidates(ids: readonly number[], aggregation: Aggregation | null, order: (node: TreeNode) => number): AnswerCandidate[] {
    const out: AnswerCandidate[] = [];
    for (const id of ids) {
      const node = this.tree.get(id);
      // A terminal step whose answer the policy could not extract cannot be returned or vote.
      if (node.answer === undefined) continue;
      const score = aggregation === null ? 0 : aggregate(this.tree.path(id).map((n) => n.score ?? 0), aggregation);
      out.push({ node: id, answer: node.answer, score, order: order(node) });
    }
    return out;
  }

  /** Pick the answer among finished nodes: PRM aggregation + selection, or a plain majority vote. */
  chooseAnswer(
    finished: readonly number[],
    how: { aggregation: Aggregation; select: Selection } | 'majority',
    order: (node: TreeNode) => number = (n) => n.id,
  ): AnswerChoice | null {
    if (how === 'majority') return majorityVote(this.candidates(finished, null, order));
    return chooseAnswer(this.candidates(finished, how.aggregation, order), how.select);
  }

  /** Build the result (copies only), emit 'finished', return it. */
  finish(choice: AnswerChoice | null, beamWidths: readonly number[]): SearchResult {
    const result: SearchResult = {
      strategy: this.strategy,
      answer: choice?.answer ?? null,
      answerNode: choice?.node ?? null,
      solution: choice ? this.tree.steps(choice.node) : [],
      tree: this.tree.snapshot(),
      beamWidths: [...beamWidths],
      cost: this.meter.record(),
    };
    this.emit({ type: 'finished', result });
    return result;
  }
}
