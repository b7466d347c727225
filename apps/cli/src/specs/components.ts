import {
  createMcPrmFromSpec,
  createOpenAIPolicyFromSpec,
  isMcPrmSpec,
  isOpenAIPolicySpec,
  SimPolicy,
} from '@prmbas/policy';
import type { Policy, Prm, Problem } from '@prmbas/search';
import { extractAnswer, isCorrect, type Question } from '@prmbas/tasks';
import { assertKnownParams, numberParam, parseSpec, UsageError } from './spec-string';
import { createTfjsPrmFromSpec, isTfjsPrmSpec } from './tfjs-prm';

export interface PolicyFlags {
  policy: string;
  policyModel?: string;
  env?: NodeJS.ProcessEnv;
}

/** `sim[:capability=C,latency=MS]` or `openai:BASE_URL` (with `--policy-model`). */
export function createPolicy(flags: PolicyFlags): Policy {
  if (isOpenAIPolicySpec(flags.policy)) {
    if (!flags.policyModel) throw new UsageError('--policy-model: required with --policy openai:URL (the model name the server serves)');
    return createOpenAIPolicyFromSpec(flags.policy, {
      model: flags.policyModel,
      env: flags.env ?? process.env,
      extractAnswer: (text, problem) => extractAnswer(text, problem) ?? undefined,
    });
  }
  const spec = parseSpec('--policy', flags.policy);
  if (spec.kind !== 'sim') throw new UsageError(`--policy: unknown policy "${spec.kind}" (use sim:capability=C or openai:BASE_URL)`);
  assertKnownParams('--policy', spec, ['capability', 'latency']);
  return new SimPolicy({
    capability: numberParam('--policy', spec, 'capability', { min: 0, max: 1 }),
    latencyMs: numberParam('--policy', spec, 'latency', { min: 0 }),
  });
}

export interface PrmFlags {
  prm?: string;
  policy: Policy;
  /** Gold answers by question id: the Monte-Carlo scorer checks rollouts against them. */
  questions: readonly Question[];
}

/** `mc[:rollouts=M,...]`, `tfjs:DIR` (a model written by `prmbas train`) or `none`. */
export function createPrm(flags: PrmFlags): Prm | undefined {
  if (flags.prm === undefined || flags.prm === 'none') return undefined;
  if (isMcPrmSpec(flags.prm)) {
    const gold = new Map(flags.questions.map((q) => [q.id, q]));
    return createMcPrmFromSpec(flags.prm, {
      policy: flags.policy,
      isCorrect: (answer: string, problem: Problem) => {
        const question = gold.get(problem.id);
        if (!question) throw new Error(`mc PRM: no gold answer for problem ${problem.id}`);
        return isCorrect(answer, question.answer, question);
      },
    });
  }
  if (isTfjsPrmSpec(flags.prm)) return createTfjsPrmFromSpec(flags.prm);
  throw new UsageError(`--prm: unknown PRM "${flags.prm}" (use mc:rollouts=M, tfjs:DIR or none)`);
}
