/**
 * In-process training data for the synth suite: solutions sampled from the simulated policy, every
 * step (and K sibling steps per state) valued by Monte-Carlo rollouts, as `SolutionRecord`s in the
 * dataset format. Cheap (the simulated policy answers in microseconds), so a training run can draw
 * fresh questions every pass. Stands beside the real dataset builder (@prmbas/rollouts); the PRM
 * only ever sees the records' text and image pixels.
 *
 * Each record's `meta.errors` keeps the simulator's label of every step (null = right, else the
 * error kind) for experiment breakdowns; no model input reads it.
 */
import { McPrm, SimPolicy, type SimPolicyConfig } from '@prmbas/policy';
import type { SolutionRecord, ValuedStep } from '@prmbas/rollouts';
import { hashSeed, type PrmItem, type Proposal } from '@prmbas/search';
import { generateQuestion, isCorrect, toProblem, type Difficulty, type Question, type SynthFamily } from '@prmbas/tasks';

export interface SimRecordOptions {
  /** Questions (one solution each). */
  questions: number;
  /** Suite seed: question i is `generateQuestion(seed, first + i)`. */
  seed: number;
  /** Index of the first question (default 0). */
  first?: number;
  /** Extra candidate steps sampled and valued at every state (rank-loss siblings). */
  siblings?: number;
  /** M: rollouts per valued step. */
  rollouts?: number;
  /** Sampling temperature of solutions and siblings. */
  temperature?: number;
  /** Temperature of the rollouts. */
  rolloutTemperature?: number;
  policy?: Partial<SimPolicyConfig>;
  difficulty?: Difficulty | readonly Difficulty[];
  families?: readonly SynthFamily[];
  /** Sampling seed (solutions, siblings, rollouts). */
  sampleSeed?: number;
}

export const SIM_RECORD_DEFAULTS = {
  siblings: 4, // K extra candidates sampled per state (distinct ones kept), as the dataset builder's default
  rollouts: 8, // M = 8 as the Monte-Carlo PRM's default (values in steps of 1/8)
  temperature: 0.8, // as the dataset builder (@prmbas/rollouts BUILD_DEFAULTS)
  rolloutTemperature: 0.8, // the Monte-Carlo PRM's default rollout temperature
  maxSteps: 10, // synth solutions have at most 8 steps
};

export interface SimRecords {
  records: SolutionRecord[];
  questions: Question[];
  /** PNG bytes by question id. */
  images: Map<string, Uint8Array>;
}

export async function simSolutionRecords(options: SimRecordOptions): Promise<SimRecords> {
  const o = { ...SIM_RECORD_DEFAULTS, ...options };
  const policy = new SimPolicy(o.policy ?? {});
  const records: SolutionRecord[] = [];
  const questions: Question[] = [];
  const images = new Map<string, Uint8Array>();
  const first = o.first ?? 0;
  const sampleSeed = o.sampleSeed ?? o.seed;
  const genOptions: { difficulty?: Difficulty | readonly Difficulty[]; families?: readonly SynthFamily[] } = {};
  if (o.difficulty !== undefined) genOptions.difficulty = o.difficulty;
  if (o.families !== undefined) genOptions.families = o.families;
  for (let i = 0; i < o.questions; i++) {
    const question = generateQuestion(o.seed, first + i, genOptions);
    const problem = toProblem(question);
    questions.push(question);
    images.set(question.id, question.images[0]?.data as Uint8Array);
    const mc = new McPrm({
      policy,
      isCorrect: (answer) => isCorrect(answer, question.answer, question),
      rollouts: o.rollouts,
      temperature: o.rolloutTemperature,
    });
    const texts: string[] = [];
    const steps: SolutionRecord['steps'] = [];
    const errors: Array<{ step: string | null; siblings: Array<string | null> }> = [];
    let finalAnswer: string | null = null;
    for (let depth = 0; depth < o.maxSteps; depth++) {
      const finalize = depth === o.maxSteps - 1;
      const proposals: Proposal[] = policy.proposeNow({
        problem,
        steps: texts,
        n: 1 + o.siblings,
        temperature: o.temperature,
        seed: hashSeed(sampleSeed, 'sim-records', question.id, depth),
        finalize,
      });
      const outcomes = policy.distribution({ problem, steps: texts, finalize }).outcomes;
      const errorOf = (text: string) => outcomes.find((x) => x.text === text)?.error ?? null;
      const items: PrmItem[] = proposals.map((p) => {
        const item: PrmItem = { problem, steps: texts.slice(), candidate: p.text, terminal: p.terminal };
        if (p.answer !== undefined) item.answer = p.answer;
        return item;
      });
      const { scores } = await mc.score(items, { seed: hashSeed(sampleSeed, 'sim-records-mc', question.id, depth) });
      const valued: ValuedStep[] = proposals.map((p, k) => ({
        text: p.text,
        value: scores[k] as number,
        rollouts: p.terminal ? 0 : o.rollouts,
        correct: p.terminal ? (scores[k] as number) : Math.round((scores[k] as number) * o.rollouts),
        terminal: p.terminal,
      }));
      const [main, ...sampled] = valued as [ValuedStep, ...ValuedStep[]];
      // Distinct siblings only (a repeat adds no rank pair), as the dataset builder keeps them.
      const seenTexts = new Set([main.text]);
      const sibs = sampled.filter((x) => !seenTexts.has(x.text) && seenTexts.add(x.text));
      steps.push(sibs.length ? { ...main, siblings: sibs } : main);
      errors.push({ step: errorOf(main.text), siblings: sibs.map((s) => errorOf(s.text)) });
      texts.push(main.text);
      const chosen = proposals[0] as Proposal;
      if (chosen.terminal) {
        finalAnswer = chosen.answer ?? null;
        break;
      }
    }
    const record: SolutionRecord = {
      id: `${question.id}#0`,
      questionId: question.id,
      question: question.text,
      image: `mem:${question.id}`,
      answer: question.answer,
      answerType: question.answerType,
      steps,
      finalAnswer,
      correct: finalAnswer !== null && isCorrect(finalAnswer, question.answer, question),
      meta: { source: 'sim-records', seed: o.seed, index: first + i, errors, family: question.meta.family, difficulty: question.meta.difficulty },
    };
    if (question.choices) record.choices = question.choices.slice();
    records.push(record);
  }
  return { records, questions, images };
}
