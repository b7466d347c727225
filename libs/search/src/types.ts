/**
 * The two interfaces every search strategy runs on (`Policy`, `Prm`) and the plain data they
 * exchange. Nothing here does IO: adapters for real servers live in `@prmbas/policy` / `@prmbas/prm`.
 */

/** An image attached to a problem, as encoded bytes (PNG, JPEG, ...). */
export interface ProblemImage {
  /** MIME type, e.g. `image/png`. */
  mime: string;
  /** The encoded file bytes. */
  data: Uint8Array;
  /** Where it came from (file path or URL), for display only. */
  source?: string;
}

export type AnswerType = 'number' | 'choice' | 'text';

/**
 * What a policy and a PRM are allowed to see of a question: text, images and the answer format.
 * The gold answer is deliberately absent; scorers that need it (the Monte-Carlo PRM) get it from
 * their own configuration.
 */
export interface Problem {
  id: string;
  /** The full prompt text (for MathVista records, the `query` field when present). */
  text: string;
  images: ProblemImage[];
  answerType: AnswerType;
  /** Options of a multiple-choice question, in order: option i has letter 'A' + i. */
  choices?: string[];
  /** Number of decimals a numeric answer is expected with (MathVista `precision`). */
  precision?: number;
  unit?: string;
}

/** One candidate next step proposed by a policy. */
export interface Proposal {
  /** The step text, without the trailing delimiter. */
  text: string;
  /** True when the step states the final answer (the solution ends here). */
  terminal: boolean;
  /** The extracted final answer when `terminal` (normalised as the policy extracted it). */
  answer?: string;
  /** Generated tokens for this step when the backend reports them. */
  tokens?: number;
}

export interface ProposeRequest {
  problem: Problem;
  /** The steps so far (the state), oldest first. */
  steps: readonly string[];
  /** How many candidates to sample for this state. */
  n: number;
  /** Sampling temperature; 0 means greedy (every candidate is the most likely step). */
  temperature: number;
  /**
   * Seed for this call. Strategies derive it from the run seed and the position of the state in
   * the tree, so results do not depend on the order in which concurrent calls complete.
   */
  seed: number;
  /** Ask for a final answer now (the search is at its maximum depth). */
  finalize?: boolean;
  signal?: AbortSignal;
}

export interface Policy {
  readonly name: string;
  /** Sample `n` next steps for one state. */
  propose(request: ProposeRequest): Promise<Proposal[]>;
}

/** One (state, candidate step) pair to score. */
export interface PrmItem {
  problem: Problem;
  /** The steps before the candidate. */
  steps: readonly string[];
  /** The candidate step being scored. */
  candidate: string;
  /** Whether the candidate is a terminal step (states the final answer). */
  terminal: boolean;
  /** The candidate's final answer when terminal. */
  answer?: string;
}

/** Work a scorer did on behalf of the search that is not PRM inference (e.g. MC rollouts). */
export interface ScorerUsage {
  policyCalls: number;
  generatedSteps: number;
  tokens: number | null;
}

export interface PrmScores {
  /** One value in [0, 1] per item: the estimated probability of reaching the correct answer. */
  scores: number[];
  /** Extra cost, reported apart from the search's own (e.g. rollouts of the Monte-Carlo PRM). */
  usage?: ScorerUsage;
}

export interface Prm {
  readonly name: string;
  /** Score a whole batch (one search depth) in one call. */
  score(items: readonly PrmItem[], options?: { seed?: number; signal?: AbortSignal }): Promise<PrmScores>;
}

/** What every strategy reports, so equal-compute comparisons are possible. */
export interface CostRecord {
  /** Calls to `Policy.propose` made by the search itself. */
  policyCalls: number;
  /** Candidate steps the search generated. */
  generatedSteps: number;
  /** Generated tokens when the policy reports them, else null. */
  tokens: number | null;
  /** (state, step) pairs sent to the PRM. */
  prmScoredSteps: number;
  /** Calls to `Prm.score`. */
  prmBatches: number;
  /** Work the scorer did on its own (MC rollouts), counted apart. */
  scorer: ScorerUsage;
  /** Wall-clock duration of the whole search. */
  wallMs: number;
}

export type NodeStatus = 'kept' | 'pruned' | 'finished' | 'expanded';

/** One candidate step in the search tree. */
export interface TreeNode {
  id: number;
  /** Parent node id; null for first steps (children of the question). */
  parent: number | null;
  /** 0 for first steps. */
  depth: number;
  text: string;
  terminal: boolean;
  answer?: string;
  /** PRM score of this step; null when the strategy does not use a PRM. */
  score: number | null;
  /**
   * kept: selected to continue (a live beam) but not expanded yet when the search ended;
   * expanded: selected and expanded; pruned: not selected; finished: terminal, in the answer pool.
   */
  status: NodeStatus;
  /** Chain index for strategies that sample independent chains (self-consistency, best-of-N, DVTS subtree). */
  chain?: number;
}

export interface SearchResult {
  strategy: string;
  /** The chosen final answer, or null when no solution finished. */
  answer: string | null;
  /** The finished node the answer came from (for vote-based answers: the best node voting for it). */
  answerNode: number | null;
  /** The steps of the chosen solution, in order. */
  solution: string[];
  tree: TreeNode[];
  /** Number of live beams expanded at each depth (for chain strategies, chains alive per depth). */
  beamWidths: number[];
  cost: CostRecord;
}
