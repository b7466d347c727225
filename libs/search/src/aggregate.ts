/**
 * How a finished solution's step scores become one number, and how an answer is chosen from
 * finished solutions. Pure functions; every strategy picks its answer through `chooseAnswer`
 * (or `majorityVote` when there is no PRM), so ties break the same way everywhere.
 */
import type { Aggregation, Selection } from './search-config';

/** Aggregate the PRM scores of the steps of one solution, first step first. */
export function aggregate(scores: readonly number[], how: Aggregation): number {
  if (scores.length === 0) throw new Error('aggregate: a solution needs at least one scored step');
  switch (how) {
    case 'last':
      return scores[scores.length - 1] as number;
    case 'min':
      return Math.min(...scores);
    case 'prod':
      return scores.reduce((p, s) => p * s, 1);
    case 'mean':
      return scores.reduce((a, s) => a + s, 0) / scores.length;
  }
}

/** A finished solution competing for the answer. */
export interface AnswerCandidate {
  /** Id of its terminal node. */
  node: number;
  answer: string;
  /** Aggregated score (unused by majority vote). */
  score: number;
  /** Tie-break key, lower wins: the chain index for chain strategies, the node id otherwise. */
  order: number;
}

export interface AnswerChoice {
  answer: string;
  /** The node the answer came from (for votes: the best-scored voter). */
  node: number;
  /** Aggregated score of that node, or the answer's vote total for votes. */
  score: number;
}

/** Higher score first, then lower order. */
function better(a: AnswerCandidate, b: AnswerCandidate): boolean {
  return a.score > b.score || (a.score === b.score && a.order < b.order);
}

/** The single best-scored solution. */
export function pickBest(candidates: readonly AnswerCandidate[]): AnswerChoice | null {
  let best: AnswerCandidate | null = null;
  for (const c of candidates) if (best === null || better(c, best)) best = c;
  return best && { answer: best.answer, node: best.node, score: best.score };
}

interface Tally {
  answer: string;
  total: number;
  /** Best-scored voter (ties: lowest order). */
  leader: AnswerCandidate;
  /** Lowest order among the voters. */
  first: number;
}

function tally(candidates: readonly AnswerCandidate[], weight: (c: AnswerCandidate) => number): Tally[] {
  const byAnswer = new Map<string, Tally>();
  for (const c of candidates) {
    const t = byAnswer.get(c.answer);
    if (!t) {
      byAnswer.set(c.answer, { answer: c.answer, total: weight(c), leader: c, first: c.order });
      continue;
    }
    t.total += weight(c);
    if (better(c, t.leader)) t.leader = c;
    t.first = Math.min(t.first, c.order);
  }
  return [...byAnswer.values()];
}

/**
 * PRM-weighted vote: each answer gets the sum of its solutions' aggregated scores.
 * Ties: the answer with the better best solution, then the one whose best solution comes first.
 */
export function weightedVote(candidates: readonly AnswerCandidate[]): AnswerChoice | null {
  let win: Tally | null = null;
  for (const t of tally(candidates, (c) => c.score)) {
    if (win === null || t.total > win.total || (t.total === win.total && better(t.leader, win.leader))) win = t;
  }
  return win && { answer: win.answer, node: win.leader.node, score: win.total };
}

/**
 * Majority vote (self-consistency): the most frequent answer; ties go to the answer whose first
 * voter comes first (lowest order). The node reported is that first voter.
 */
export function majorityVote(candidates: readonly AnswerCandidate[]): AnswerChoice | null {
  let win: Tally | null = null;
  for (const t of tally(candidates, () => 1)) {
    if (win === null || t.total > win.total || (t.total === win.total && t.first < win.first)) win = t;
  }
  if (!win) return null;
  const { answer, first, total } = win;
  const node = candidates.find((c) => c.answer === answer && c.order === first)?.node as number;
  return { answer, node, score: total };
}

/** The one place a PRM-scored strategy turns finished solutions into an answer. */
export function chooseAnswer(candidates: readonly AnswerCandidate[], select: Selection): AnswerChoice | null {
  return select === 'weighted-vote' ? weightedVote(candidates) : pickBest(candidates);
}
