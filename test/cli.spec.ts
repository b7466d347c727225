import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'apps/cli/bin/prmbas.js');

/** Runs the real CLI binary; resolves with its exit code and output instead of throwing. */
async function prmbas(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('prmbas CLI', () => {
  it('writes a synth suite that bench reads back as a file suite, with the same digest', async () => {
    const out = path.join(dir, 'suite');
    const synth = await prmbas(['synth', '--size', '6', '--seed', '3', '--out', out]);
    expect(synth.code).toBe(0);
    const digest = /digest ([0-9a-f]{64})/.exec(synth.stdout)?.[1];
    expect(digest).toBeDefined();

    const json = path.join(dir, 'bench.json');
    const bench = await prmbas([
      'bench', '--suite', path.join(out, 'questions.jsonl'), '--seed', '3', '--prm', 'mc:rollouts=2',
      '--strategies', 'greedy,prm-bas', '--set', 'prm-bas.schedule.b0=4', '--json', json, '--quiet',
    ]);
    expect(bench.stderr).toBe('');
    expect(bench.code).toBe(0);
    expect(bench.stdout).toMatch(/strategy\s+accuracy\s+95% CI/);
    expect(bench.stdout).toMatch(/^greedy\s/m);
    expect(bench.stdout).toMatch(/^prm-bas\s/m);

    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.suite).toMatchObject({ kind: 'file', size: 6, digest });
    expect(report.seed).toBe(3);
    expect(report.gitCommit === null || /^[0-9a-f]{40}/.test(report.gitCommit)).toBe(true);
    expect(report.config['prm-bas'].schedule.b0).toBe(4);
    expect(report.strategies.map((s: { name: string }) => s.name)).toEqual(['greedy', 'prm-bas']);
    for (const row of report.strategies) {
      expect(row.total).toBe(6);
      expect(row.accuracy).toBeCloseTo(row.correct / 6, 10);
      expect(row.ci95[0]).toBeLessThanOrEqual(row.accuracy);
      expect(row.ci95[1]).toBeGreaterThanOrEqual(row.accuracy);
      expect(row.policyCalls).toBeGreaterThan(0);
      expect(row.wallMs).toBeGreaterThan(0);
    }
    const [greedy, bas] = report.strategies;
    expect(greedy.prmScoredSteps).toBe(0);
    expect(bas.prmScoredSteps).toBeGreaterThan(0);
    // The Monte-Carlo scorer's rollouts are counted apart from the search's own policy calls.
    expect(bas.scorer.policyCalls).toBeGreaterThan(0);
    expect(greedy.scorer.policyCalls).toBe(0);
  });

  it('gives the same results for the same seed', async () => {
    const args = ['bench', '--preset', 'quick', '--size', '4', '--strategies', 'self-consistency,beam', '--quiet'];
    const a = await prmbas(args);
    const b = await prmbas(args);
    expect(a.code).toBe(0);
    const strip = (s: string) => s.replace(/\s[\d.]+s$/gm, '');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('builds a dataset, resumes it with the same command and refuses a changed build', async () => {
    const out = path.join(dir, 'data', 'train.jsonl');
    const args = ['build-dataset', '--questions', '6', '--seed', '2', '--rollouts', '4', '--siblings', '2', '--out', out, '--quiet'];
    const first = await prmbas(args);
    expect(first.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    const ids = lines.map((l) => JSON.parse(l).id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const line of lines) {
      const record = JSON.parse(line);
      expect(record.image).toMatch(/^images\/.+\.png$/);
      for (const step of record.steps) expect(step.value).toBeGreaterThanOrEqual(0);
    }
    // Same command again: nothing to add, same file.
    const again = await prmbas(args);
    expect(again.code).toBe(0);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toEqual(lines);
    // Different rollouts on an existing dataset: a clear error naming the flag.
    const changed = await prmbas(args.map((a) => (a === '4' ? '8' : a)));
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/--rollouts/);
  });

  it('trains a tfjs PRM on a built dataset, evaluates it, and searches with it', async () => {
    const data = path.join(dir, 'prm', 'train.jsonl');
    const model = path.join(dir, 'prm', 'model');
    expect((await prmbas(['build-dataset', '--questions', '8', '--seed', '4', '--rollouts', '4', '--siblings', '2', '--out', data, '--quiet'])).code).toBe(0);
    const train = await prmbas(['train', '--data', data, '--out', model, '--steps', '20', '--eval-every', '20', '--quiet']);
    expect(train.stderr.replace(/^.*backend.*$/gm, '').trim()).toBe('');
    expect(train.code).toBe(0);
    const json = path.join(dir, 'prm', 'eval.json');
    const evaluation = await prmbas(['eval-prm', '--model', model, '--data', data, '--json', json, '--quiet']);
    expect(evaluation.code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8'));
    for (const key of ['auroc', 'pairAccuracy', 'valueLoss', 'rankLoss', 'ece']) expect(typeof report[key]).toBe('number');
    expect(report.steps).toBeGreaterThan(0);
    expect(report.auroc).toBeGreaterThanOrEqual(0);
    expect(report.auroc).toBeLessThanOrEqual(1);
    const bench = await prmbas(['bench', '--size', '3', '--prm', `tfjs:${model}`, '--strategies', 'prm-bas', '--quiet']);
    expect(bench.code).toBe(0);
    expect(bench.stdout).toMatch(/^prm-bas\s+\d/m); // no "(N errors)": the PRM scored every depth
  });

  it('runs the demo end to end (tiny sizes) and ends with its table', async () => {
    const out = path.join(dir, 'demo');
    const demo = await prmbas(['demo', '--out', out, '--questions', '6', '--held-out-questions', '4', '--steps', '20', '--fresh', '0', '--bench-size', '3', '--quiet']);
    expect(demo.stderr.replace(/^.*backend.*$/gm, '').trim()).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/the policy is SIMULATED/);
    expect(demo.stdout).toMatch(/step AUROC \(v > 0\)\s+(\d\.\d{3}|-)/);
    expect(demo.stdout).toMatch(/^\s+greedy\s+\d+\.\d%/m);
    expect(demo.stdout).toMatch(/^\s+PRM-BAS, mc scorer \(mc:rollouts=8\)\s+\d+\.\d%/m);
    expect(demo.stdout).toMatch(/^\s+PRM-BAS, trained PRM\s+\d+\.\d%/m);
    expect(demo.stdout).toMatch(/^\s+PRM-BAS, trained PRM, T 0\.4 \+ vote\s+\d+\.\d%/m);
    expect(demo.stdout).toMatch(/^\s+best-of-8, trained PRM\s+\d+\.\d%/m);
    expect(demo.stdout.trimEnd().split('\n').at(-1)).toMatch(/policy calls, PRM-BAS mc \/ trained PRM\s+\d+\.\dx$/);
    const report = JSON.parse(await readFile(path.join(out, 'demo.json'), 'utf8'));
    expect(report.simulatedPolicy).toBe(true);
    expect(report.bench.map((b: { label: string }) => b.label)).toEqual(['greedy', 'PRM-BAS, mc scorer (mc:rollouts=8)', 'PRM-BAS, trained PRM', 'PRM-BAS, trained PRM, T 0.4 + vote', 'best-of-8, trained PRM']);
    const [, mc, learned] = report.bench;
    expect(mc.mcRolloutCallsPerQuestion).toBeGreaterThan(0);
    expect(learned.mcRolloutCallsPerQuestion).toBe(0);
    expect(report.policyCallRatio).toBeCloseTo(mc.policyCallsPerQuestion / learned.policyCallsPerQuestion, 10);
    // A second run into the same folder starts over; a folder it did not write is refused.
    const foreign = path.join(dir, 'not-a-demo');
    await mkdir(foreign, { recursive: true });
    await writeFile(path.join(foreign, 'notes.txt'), 'keep me');
    const refused = await prmbas(['demo', '--out', foreign, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out: .* not written by prmbas demo/);
    expect(await readFile(path.join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('measures PRM throughput (tiny sizes) and writes it as JSON', async () => {
    const json = path.join(dir, 'bench-prm.json');
    const bench = await prmbas(['bench-prm', '--train-steps', '3', '--warmup-steps', '1', '--questions', '2', '--json', json, '--quiet']);
    expect(bench.code).toBe(0);
    expect(bench.stdout).toMatch(/^training \(optimizer step\)\s+[\d,.]+\s+examples\/s/m);
    expect(bench.stdout).toMatch(/^inference inside PRM-BAS\s+[\d,.]+\s+scored steps\/s/m);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.training.stepExamplesPerSecond).toBeGreaterThan(0);
    expect(report.inference.forward.map((f: { batch: number }) => f.batch)).toEqual([16, 64, 256]);
    expect(report.inference.inSearch.scoreCalls).toBeGreaterThan(0);
    expect(report.inference.inSearch.scoredStepsPerSecond).toBeGreaterThan(0);
  });

  it.each([
    [['bench', '--prm', 'mc:rollouts=0', '--size', '2'], /rollouts/],
    [['bench', '--policy', 'sim:capability=2', '--size', '2'], /capability: must be <= 1/],
    [['bench', '--policy', 'sim:capabilty=0.5', '--size', '2'], /unknown parameter "capabilty"/],
    [['bench', '--strategies', 'greedy,beem', '--size', '2'], /"beem" is not a strategy/],
    [['bench', '--set', 'prm-bas.schedule.b0=0', '--size', '2'], /prm-bas.schedule.b0: must be an integer >= 1/],
    [['bench', '--prm', 'none', '--strategies', 'prm-bas', '--size', '2'], /prm-bas need a PRM/],
    [['bench', '--policy', 'openai:http://127.0.0.1:9/v1', '--size', '2'], /--policy-model/],
    [['bench', '--suite', '/nonexistent/q.jsonl'], /nonexistent/],
    [['synth', '--size', 'x', '--out', '/tmp/x'], /--size must be an integer/],
  ])('rejects bad input %j with a clear message and exit code 2', async (args, message) => {
    const result = await prmbas(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user error
  });
});
