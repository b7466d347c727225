// npm run bench:serve [-- --questions 30 --reps 3 --concurrency 50 --llm-latency-ms 25 --json bench-results/serve-bench.json]
//   = node -r ./tools/swc-register.js apps/api/src/bench/serve-bench.ts
//
// What serving a search costs over running it in-process, and how the served API holds up under
// concurrent searches, on the embedded-Postgres default (see bench-server.ts):
//  1. overhead: the same searches (same question, config, seed, PRM weights) through
//     `runSearch` in this process and through POST /v1/chat/completions with the official openai
//     SDK, alternating, one at a time; per pair, extra ms = served - in-process. The served time
//     includes HTTP, auth (an API key lookup), the deployment and alias lookup, JSON, and storing
//     the trace (images as blobs, the whole tree) before answering. Target: p50 < 10 ms.
//  2. concurrency: N (default 50) searches at once through the SDK; all must be answered and every
//     trace stored; p50/p99 latency and searches/s, for the CPU-bound simulated policy (0 ms per
//     call) and one that waits like an LLM server (--llm-latency-ms per policy call).
// The PRM is the `test-mlp` kind (untrained, seeded weights) loaded from a model version through
// the registry, as any trained PRM would be; the search is PRM-BAS with the library's defaults.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimPolicy } from '@prmbas/policy';
import { parseSearchConfig, runSearch, type SearchConfig } from '@prmbas/search';
import { generateSuite, type Question } from '@prmbas/tasks';
import OpenAI from 'openai';
import { summarise, type LatencySummary } from './latency-stats';
import { BENCH_KEY, startBenchServer } from './bench-server';

interface Options {
  questions: number;
  reps: number;
  concurrency: number;
  llmLatencyMs: number;
  json: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { questions: 30, reps: 3, concurrency: 50, llmLatencyMs: 25, json: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const int = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${value}`);
      i += 1;
      return n;
    };
    if (flag === '--questions') options.questions = int();
    else if (flag === '--reps') options.reps = int();
    else if (flag === '--concurrency') options.concurrency = int();
    else if (flag === '--llm-latency-ms') options.llmLatencyMs = int();
    else if (flag === '--json') {
      options.json = value ?? null;
      i += 1;
    } else throw new Error(`unknown flag ${flag} (known: --questions --reps --concurrency --llm-latency-ms --json)`);
  }
  return options;
}

const STRATEGY = { strategy: 'prm-bas' } as const;

function message(question: Question) {
  const image = question.images[0]!;
  return {
    role: 'user' as const,
    content: [
      { type: 'text' as const, text: question.text },
      { type: 'image_url' as const, image_url: { url: `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}` } },
    ],
  };
}

interface ConcurrencyResult {
  label: string;
  requests: number;
  answered: number;
  tracesStored: number;
  latency: LatencySummary;
  wallMs: number;
  searchesPerSecond: number;
  inProcessSearchesPerSecond: number;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  process.stdout.write('starting the API on embedded Postgres...\n');
  const server = await startBenchServer([
    { name: 'bench-prm-bas', latencyMs: 0, strategy: STRATEGY },
    { name: 'bench-prm-bas-llm', latencyMs: options.llmLatencyMs, strategy: STRATEGY },
  ]);
  const client = new OpenAI({ baseURL: `${server.api.url}/v1`, apiKey: BENCH_KEY, maxRetries: 0, timeout: 600_000 });
  // The in-process side: the same PRM weights through the same registry, the same policy and config.
  const { prm, dispose } = await server.registry.loadPrm(server.artifact);
  const config: SearchConfig = parseSearchConfig(STRATEGY);
  const questions = generateSuite({ size: options.questions, seed: 7 });
  const inProcess = (question: Question, latencyMs: number) => runSearch(config, { policy: new SimPolicy({ latencyMs }), prm, problem: question });
  const served = (question: Question, model: string) => client.chat.completions.create({ model, messages: [message(question)] });

  try {
    // Warm-up: JIT, the server's PRM cache, connection pools.
    for (const question of questions.slice(0, 5)) {
      await inProcess(question, 0);
      await served(question, 'bench-prm-bas');
    }

    // 1. Overhead, paired: the same search in-process, over plain HTTP, and through the openai SDK
    //    (in a rotating order), one at a time.
    process.stdout.write(`overhead: ${options.questions} questions x ${options.reps} reps...\n`);
    const samples = { inProcess: [] as number[], http: [] as number[], sdk: [] as number[], extraHttp: [] as number[], extraSdk: [] as number[] };
    const phases = { prepare: [] as number[], search: [] as number[], trace: [] as number[], outside: [] as number[] };
    let identical = 0;
    let pairs = 0;
    const cpuBefore = process.cpuUsage();
    for (let rep = 0; rep < options.reps; rep++) {
      for (const [i, question] of questions.entries()) {
        let local = 0;
        let viaHttp = 0;
        let viaSdk = 0;
        const answers: Array<string | null> = [];
        const runs = [
          async () => {
            const t = performance.now();
            answers.push((await inProcess(question, 0)).answer);
            local = performance.now() - t;
          },
          async () => {
            const t = performance.now();
            const response = await fetch(`${server.api.url}/v1/chat/completions`, {
              method: 'POST',
              headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
              body: JSON.stringify({ model: 'bench-prm-bas', messages: [message(question)] }),
            });
            const body = (await response.json()) as { prmbas: { answer: string | null } };
            viaHttp = performance.now() - t;
            answers.push(body.prmbas.answer);
            const timing = Object.fromEntries((response.headers.get('server-timing') ?? '').split(', ').map((e) => [e.split(';')[0], Number(e.split('dur=')[1])]));
            phases.prepare.push(timing['prepare']!);
            phases.search.push(timing['search']!);
            phases.trace.push(timing['trace']!);
            phases.outside.push(viaHttp - timing['prepare']! - timing['search']! - timing['trace']!);
          },
          async () => {
            const t = performance.now();
            answers.push(((await served(question, 'bench-prm-bas')) as unknown as { prmbas: { answer: string | null } }).prmbas.answer);
            viaSdk = performance.now() - t;
          },
        ];
        const shift = (rep * questions.length + i) % runs.length;
        for (const run of [...runs.slice(shift), ...runs.slice(0, shift)]) await run();
        samples.inProcess.push(local);
        samples.http.push(viaHttp);
        samples.sdk.push(viaSdk);
        samples.extraHttp.push(viaHttp - local);
        samples.extraSdk.push(viaSdk - local);
        pairs += 1;
        if (answers.every((a) => a === answers[0])) identical += 1;
      }
    }
    const cpu = process.cpuUsage(cpuBefore);

    // 2. Concurrency.
    const concurrency = async (label: string, model: string, latencyMs: number): Promise<ConcurrencyResult> => {
      process.stdout.write(`concurrency: ${options.concurrency} searches at once (${label})...\n`);
      const batch = Array.from({ length: options.concurrency }, (_, i) => questions[i % questions.length]!);
      const t0 = performance.now();
      const outcomes = await Promise.allSettled(
        batch.map(async (question) => {
          const t = performance.now();
          const completion = await served(question, model);
          return { ms: performance.now() - t, traceId: (completion as unknown as { prmbas: { trace_id: string } }).prmbas.trace_id, content: completion.choices[0]?.message.content ?? '' };
        }),
      );
      const wallMs = performance.now() - t0;
      const answered = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.content !== '' ? [o.value] : []));
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
      if (failures.length > 0) process.stdout.write(`  ${failures.length} failed, e.g. ${failures[0]}\n`);
      const tracesStored = await server.prisma.trace.count({ where: { id: { in: answered.map((a) => a.traceId) }, status: 'succeeded', NOT: { tree: { equals: [] } } } });
      const l0 = performance.now();
      await Promise.all(batch.map((question) => inProcess(question, latencyMs)));
      const inProcessWall = performance.now() - l0;
      return {
        label,
        requests: batch.length,
        answered: answered.length,
        tracesStored,
        latency: summarise(answered.map((a) => a.ms)),
        wallMs,
        searchesPerSecond: (answered.length / wallMs) * 1000,
        inProcessSearchesPerSecond: (batch.length / inProcessWall) * 1000,
      };
    };
    const cpuBound = await concurrency('simulated policy, 0 ms per call: CPU-bound', 'bench-prm-bas', 0);
    const llm = await concurrency(`simulated policy, ${options.llmLatencyMs} ms per call: LLM-like waits`, 'bench-prm-bas-llm', options.llmLatencyMs);

    const overhead = summarise(samples.extraHttp);
    const report = {
      benchmark: 'serve',
      node: process.version,
      loadAverage: { start: loadAtStart, end: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length },
      strategy: config,
      prm: 'test-mlp (registry-loaded model version)',
      questions: options.questions,
      reps: options.reps,
      overhead: {
        inProcessMs: summarise(samples.inProcess),
        httpMs: summarise(samples.http),
        sdkMs: summarise(samples.sdk),
        extraHttpMs: overhead,
        extraSdkMs: summarise(samples.extraSdk),
        serverPhasesMs: { prepare: summarise(phases.prepare), search: summarise(phases.search), trace: summarise(phases.trace), outsideHandler: summarise(phases.outside) },
        /** CPU of this process (client and API) per served request: all CPU of the phase minus the in-process searches (CPU-bound, so their wall time), over both transports. */
        cpuMsPerServedRequest: ((cpu.user + cpu.system) / 1000 - samples.inProcess.reduce((a, b) => a + b, 0)) / (2 * pairs),
        identicalAnswers: identical,
        pairs,
        targetP50Ms: 10,
        met: overhead.p50 < 10,
      },
      concurrency: [cpuBound, llm],
      totalSeconds: (performance.now() - started) / 1000,
    };
    printReport(report);
    if (options.json) {
      const file = path.resolve(options.json);
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`\nwrote ${file}\n`);
    }
    const ok = report.overhead.met && [cpuBound, llm].every((c) => c.answered === c.requests && c.tracesStored === c.requests);
    process.exitCode = ok ? 0 : 1;
  } finally {
    dispose();
    await server.close();
  }
}

interface Report {
  loadAverage: { start: number[]; end: number[]; cpus: number };
  overhead: {
    inProcessMs: LatencySummary;
    httpMs: LatencySummary;
    sdkMs: LatencySummary;
    extraHttpMs: LatencySummary;
    extraSdkMs: LatencySummary;
    serverPhasesMs: Record<'prepare' | 'search' | 'trace' | 'outsideHandler', LatencySummary>;
    cpuMsPerServedRequest: number;
    identicalAnswers: number;
    pairs: number;
    met: boolean;
  };
  concurrency: ConcurrencyResult[];
  totalSeconds: number;
}

function printReport(report: Report): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  };
  const row = (label: string, s: LatencySummary) => [label, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.mean)];
  const o = report.overhead;
  const p = o.serverPhasesMs;
  process.stdout.write('\nServed-search overhead over calling the library in-process (the same searches, paired)\n');
  process.stdout.write(
    `${table(
      ['', 'p50', 'p90', 'p99', 'mean'],
      [
        row('in-process runSearch', o.inProcessMs),
        row('served, HTTP (fetch)', o.httpMs),
        row('served, openai SDK', o.sdkMs),
        row('extra per search, HTTP', o.extraHttpMs),
        row('extra per search, SDK', o.extraSdkMs),
        row('  server: prepare', p.prepare),
        row('  server: search', p.search),
        row('  server: trace write', p.trace),
        row('  auth, HTTP, framework', p.outsideHandler),
      ],
    )}\n`,
  );
  process.stdout.write(
    `target p50 extra < 10 ms (HTTP): ${o.met ? 'met' : 'NOT met'}; identical answers in-process vs served: ${o.identicalAnswers}/${o.pairs}; ` +
      `CPU (client and API, all threads) per served request: ${o.cpuMsPerServedRequest.toFixed(1)} ms\n`,
  );
  process.stdout.write('\nConcurrent served searches (openai SDK)\n');
  process.stdout.write(
    `${table(
      ['scenario', 'answered', 'traces', 'p50', 'p99', 'searches/s', 'in-process/s'],
      report.concurrency.map((c) => [
        c.label,
        `${c.answered}/${c.requests}`,
        `${c.tracesStored}/${c.requests}`,
        ms(c.latency.p50),
        ms(c.latency.p99),
        c.searchesPerSecond.toFixed(1),
        c.inProcessSearchesPerSecond.toFixed(1),
      ]),
    )}\n`,
  );
  const l = report.loadAverage;
  process.stdout.write(`\n(total ${report.totalSeconds.toFixed(1)} s; load average ${l.start[0]} at start, ${l.end[0]} at end, on ${l.cpus} CPUs; percentiles by nearest rank)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
