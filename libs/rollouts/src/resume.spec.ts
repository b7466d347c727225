/**
 * The resumability claim, tested for real: a build in a child process is SIGKILLed once some
 * records are on disk, a torn half-line is left at the end (as a kill mid-write leaves it), and the
 * same build is started again. The result must hold every id exactly once and equal, record for
 * record, a build that was never interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from './build-dataset';
import type { SolutionRecord } from './dataset-record';
import { datasetDigest } from './dataset-digest';
import { parseDatasetJsonl } from './dataset-jsonl';
import { MemoryDatasetStore } from './dataset-store';
import { readDatasetSidecar } from './jsonl-dataset-store';
import type { BuildScriptSettings } from './testing/build-script';
import { checkAnswer, simPolicy, synthQuestions } from './testing/sim-fixture';

const script = path.join(__dirname, 'testing', 'build-script.ts');
const config = { solutions: 2, rollouts: 4, siblings: 3, seed: 5, concurrency: 2 };
const QUESTIONS = 16;

function startBuild(settings: BuildScriptSettings): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['-e', `require('tsx/cjs'); require(${JSON.stringify(script)});`], {
    env: { ...process.env, PRMBAS_BUILD: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function completeLines(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').length - 1;
  } catch {
    return 0;
  }
}

const byId = (records: readonly SolutionRecord[]) => records.slice().sort((a, b) => a.id.localeCompare(b.id));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-resume-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a killed build, restarted', () => {
  it('ends with every record exactly once, equal to an uninterrupted build', async () => {
    const file = path.join(dir, 'data.jsonl');
    const total = QUESTIONS * config.solutions;
    // Latency slows the first run down enough to kill it midway; it does not change any value.
    const first = startBuild({ file, questions: QUESTIONS, suiteSeed: 2, latencyMs: 6, config });
    const deadline = Date.now() + 60_000;
    while ((await completeLines(file)) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const linesAtKill = await completeLines(file);
    expect(linesAtKill).toBeGreaterThanOrEqual(4);
    expect(linesAtKill).toBeLessThan(total);
    expect((await readDatasetSidecar(file))?.status).toBe('building');

    // What a kill in the middle of a write leaves behind: half a line, no newline.
    await appendFile(file, '{"id":"synth-2-9#1","questionId":"synth-2-9","question":"Hint: Ple');

    const second = await startBuild({ file, questions: QUESTIONS, suiteSeed: 2, latencyMs: 0, config }).done;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const resumed = JSON.parse(second.stdout) as { recovered: { records: number; truncatedBytes: number }; skipped: number; records: number };
    expect(resumed.recovered.truncatedBytes).toBeGreaterThan(0);
    expect(resumed.recovered.records).toBe(linesAtKill);
    expect(resumed.skipped).toBe(linesAtKill);
    expect(resumed.records).toBe(total - linesAtKill);

    const text = await readFile(file, 'utf8');
    const records = parseDatasetJsonl(text, 'data.jsonl'); // throws on a torn line or a repeated id
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const questions = synthQuestions(QUESTIONS, 2);
    expect(new Set(ids)).toEqual(new Set(questions.flatMap((q) => [`${q.id}#0`, `${q.id}#1`])));

    const whole = new MemoryDatasetStore();
    await buildDataset({ questions, policy: simPolicy(), isCorrect: checkAnswer, store: whole, config: { ...config, concurrency: 3 } });
    expect(byId(records)).toEqual(byId(whole.records));
    const sidecar = await readDatasetSidecar(file);
    expect(sidecar).toMatchObject({ status: 'complete', records: total, digest: datasetDigest(whole.records) });
  }, 120_000);
});
