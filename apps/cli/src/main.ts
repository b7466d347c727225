import { Command, InvalidArgumentError } from 'commander';
import { benchCommand } from './commands/bench';
import { BENCH_PRM_DEFAULTS, benchPrmCommand } from './commands/bench-prm';
import { buildDatasetCommand } from './commands/build-dataset';
import { DEMO_DEFAULTS, demoCommand } from './commands/demo';
import { evalPrmCommand } from './commands/eval-prm';
import { synthCommand } from './commands/synth';
import { trainCommand } from './commands/train';
import { PRESETS } from './presets';
import { UsageError } from './specs/spec-string';

function int(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer`);
    return n;
  };
}
function positiveInt(name: string) {
  return (value: string) => {
    const n = int(name)(value);
    if (n < 1) throw new InvalidArgumentError(`${name} must be >= 1`);
    return n;
  };
}
const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(): Command {
  const program = new Command('prmbas')
    .description('PRM-guided multimodal reasoning: search, data construction, PRM training and benchmarks')
    .showHelpAfterError()
    // Throw instead of calling process.exit, so main() decides the exit code (and tests can call it).
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('synth')
    .description('write the built-in synthetic multimodal suite as questions.jsonl + images/')
    .requiredOption('--size <N>', 'number of questions', positiveInt('--size'))
    .option('--seed <S>', 'suite seed', int('--seed'), 0)
    .requiredOption('--out <DIR>', 'output folder')
    .option('--difficulty <LEVELS>', '1, 2, 3, a list like 1,2, or mixed', 'mixed')
    .option('--families <LIST>', 'shapes,bars or all', 'all')
    .action(async (flags) => {
      await synthCommand(flags);
    });

  program
    .command('bench')
    .description('run search strategies on a suite and report accuracy and compute')
    .option('--preset <NAME>', `defaults to start from (${Object.keys(PRESETS).join(', ')})`, 'default')
    .option('--suite <synth|FILE>', 'the built-in suite or a JSONL/JSON benchmark file (MathVista fields accepted)')
    .option('--size <N>', 'synth suite size', positiveInt('--size'))
    .option('--seed <S>', 'suite and search seed', int('--seed'))
    .option('--difficulty <LEVELS>', 'synth difficulty: 1, 2, 3, list, or mixed')
    .option('--families <LIST>', 'synth families: shapes,bars or all')
    .option('--limit <N>', 'use only the first N questions of a file suite', positiveInt('--limit'))
    .option('--policy <SPEC>', 'sim:capability=C[,latency=MS] | openai:BASE_URL')
    .option('--policy-model <NAME>', 'model name for an openai policy (key from OPENAI_API_KEY)')
    .option('--prm <SPEC>', 'mc:rollouts=M[,temperature=T,maxDepth=D] | tfjs:DIR | none')
    .option('--strategies <LIST>', 'comma-separated: greedy,self-consistency,best-of-n,beam,dvts,prm-bas (or labels from --config)')
    .option('--config <FILE>', 'JSON object of per-strategy config, keyed by label')
    .option('--set <label.field=value>', 'override one config field, repeatable (e.g. prm-bas.schedule.b0=8)', collect, [])
    .option('--concurrency <N>', 'questions searched at once', positiveInt('--concurrency'))
    .option('--json <FILE>', 'also write the results, config, seed, git commit and suite digest as JSON')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await benchCommand(flags, process.argv.slice(2));
    });

  program
    .command('build-dataset')
    .description('Monte-Carlo step values and sibling groups for PRM training, as resumable JSONL')
    .option('--suite <synth|FILE>', 'the built-in suite or a JSONL/JSON benchmark file', 'synth')
    .option('--questions <N>', 'synth suite size, or the first N questions of a file suite', positiveInt('--questions'))
    .option('--seed <S>', 'suite and build seed', int('--seed'), 0)
    .option('--difficulty <LEVELS>', 'synth difficulty: 1, 2, 3, list, or mixed')
    .option('--families <LIST>', 'synth families: shapes,bars or all')
    .option('--policy <SPEC>', 'sim:capability=C[,latency=MS] | openai:BASE_URL', 'sim')
    .option('--policy-model <NAME>', 'model name for an openai policy (key from OPENAI_API_KEY)')
    .option('--solutions <S>', 'solutions sampled per question', positiveInt('--solutions'))
    .option('--rollouts <M>', 'rollouts per valued state', positiveInt('--rollouts'))
    .option('--siblings <K>', 'sibling steps sampled at a chosen state (0: none)', int('--siblings'))
    .option('--sibling-states <WHICH>', 'where siblings are sampled: all, none, first-error, or a fraction like 0.25')
    .option('--temperature <T>', 'sampling temperature of solutions, rollouts and siblings')
    .option('--max-steps <N>', 'most steps per solution or rollout', positiveInt('--max-steps'))
    .option('--concurrency <N>', 'questions built at once', positiveInt('--concurrency'))
    .requiredOption('--out <FILE.jsonl>', 'dataset file (images go to images/ beside it; build config in FILE.meta.json)')
    .option('--trl <FILE.jsonl>', "also export TRL's stepwise-supervision JSONL")
    .option('--label-threshold <V>', 'TRL labels are value > V (default 0)')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await buildDatasetCommand(flags);
    });

  program
    .command('train')
    .description('train the multimodal tfjs PRM (value + rank loss) on a dataset; rerun to resume from the last checkpoint')
    .requiredOption('--data <FILE.jsonl>', 'dataset from build-dataset (our JSONL)')
    .requiredOption('--out <DIR>', 'model folder (model.json + weights + metadata; checkpoints inside)')
    .option('--lambda-rank <X>', 'weight of the rank loss (0 = value loss only)')
    .option('--epochs <E>', 'passes over the dataset')
    .option('--steps <N>', 'optimizer steps (instead of --epochs)')
    .option('--batch <B>', 'batch size')
    .option('--lr <LR>', 'peak learning rate')
    .option('--seed <S>', 'seed for init, shuffling and fresh data')
    .option('--held-out <SHARE>', 'share of questions held out for evaluation')
    .option('--fresh <N>', 'fresh synth questions added to every pass (synth datasets only)')
    .option('--fresh-seed <S>', 'seed of the fresh questions')
    .option('--eval-every <N>', 'evaluate every N steps')
    .option('--checkpoint-every <N>', 'checkpoint every N steps')
    .option('--backend <NAME>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await trainCommand(flags);
    });

  program
    .command('eval-prm')
    .description('evaluate a trained PRM on a dataset: AUROC, pair accuracy, losses, calibration, by step kind')
    .requiredOption('--model <DIR>', 'model folder written by train')
    .requiredOption('--data <FILE.jsonl>', 'dataset (our JSONL)')
    .option('--json <FILE>', 'write {auroc, pairAccuracy, valueLoss, rankLoss, ece, steps, pairs, ...}')
    .option('--backend <NAME>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await evalPrmCommand(flags);
    });

  program
    .command('bench-prm')
    .description('PRM throughput on the best backend here: training examples/s, inference scored steps/s (batched, and inside PRM-BAS)')
    .option('--model <DIR>', 'a trained model for the inference figures (default: the model the benchmark trains)')
    .option('--train-steps <N>', 'timed training steps', String(BENCH_PRM_DEFAULTS.trainSteps))
    .option('--warmup-steps <N>', 'untimed training steps first', String(BENCH_PRM_DEFAULTS.warmupSteps))
    .option('--batch <B>', 'training batch size', String(BENCH_PRM_DEFAULTS.batch))
    .option('--questions <N>', 'synth questions searched with PRM-BAS for the in-search figure', String(BENCH_PRM_DEFAULTS.questions))
    .option('--backend <NAME>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--json <FILE>', 'also write the figures as JSON')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await benchPrmCommand(flags);
    });

  program
    .command('demo')
    .description('build a small dataset, train the PRM, evaluate it and benchmark it (simulated policy); a few minutes on 2 cores')
    .option('--out <DIR>', 'output folder (cleared and rewritten on every demo run)', DEMO_DEFAULTS.out)
    .option('--questions <N>', 'training questions', String(DEMO_DEFAULTS.questions))
    .option('--held-out-questions <N>', 'held-out questions for the evaluation', String(DEMO_DEFAULTS.heldOutQuestions))
    .option('--steps <N>', 'training steps (batch 64)', String(DEMO_DEFAULTS.steps))
    .option('--fresh <N>', 'fresh synth questions added to every training pass', String(DEMO_DEFAULTS.fresh))
    .option('--bench-size <N>', 'synth questions in the search benchmark', String(DEMO_DEFAULTS.benchSize))
    .option('--backend <NAME>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--quiet', 'no progress output')
    .action(async (flags) => {
      await demoCommand(flags);
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    // Usage and spec errors are the user's to fix: one line, no stack.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'SpecError')) {
      process.stderr.write(`prmbas: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'BenchmarkFormatError') {
      process.stderr.write(`prmbas: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('commander.')) {
      // commander already printed the message; help and --version are not errors.
      const code = String((error as { code: unknown }).code);
      return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
    }
    process.stderr.write(`prmbas: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
