import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrmItem, Problem } from '@prmbas/search';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpPrm, type HttpPrmOptions } from './http-prm';
import { HttpPrmError } from './http-prm-error';
import { renderQwenChatMl } from './reward-formats';

/**
 * A stand-in for `vllm serve Qwen/Qwen2.5-Math-PRM-7B` on POST /pooling: it splits the assistant
 * text at <extra_0> and answers one [p_neg, p_pos] row per step, p_pos read from a "p=0.xx" tag
 * in the step (0.5 without one). Scripted failures and delays exercise retries and timeouts.
 */
interface Recorded {
  path: string;
  auth: string | undefined;
  body: Record<string, unknown>;
}

const state = {
  requests: [] as Recorded[],
  failures: [] as Array<{ status: number; headers?: Record<string, string>; body?: string }>,
  delayMs: 0,
  inFlight: 0,
  maxInFlight: 0,
  extraRow: false,
};

function stepProbabilities(assistant: string): number[] {
  const steps = assistant.split('<extra_0>').slice(0, -1);
  return steps.map((s) => Number(/p=([0-9.]+)/.exec(s)?.[1] ?? 0.5));
}

function assistantOf(body: Record<string, unknown>): string {
  const input = body['input'];
  if (typeof input === 'string') return input.includes('<|im_start|>assistant\n') ? input.split('<|im_start|>assistant\n')[1]!.split('<|im_end|>')[0]! : input;
  const messages = body['messages'] as Array<{ role: string; content: string }>;
  return messages.find((m) => m.role === 'assistant')!.content;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += chunk;
  const body = JSON.parse(text) as Record<string, unknown>;
  state.requests.push({ path: req.url ?? '', auth: req.headers['authorization'], body });
  state.inFlight++;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  try {
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    const failure = state.failures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(failure.body ?? JSON.stringify({ object: 'error', message: `scripted ${failure.status}`, code: failure.status }));
      return;
    }
    const probs = stepProbabilities(assistantOf(body));
    const rows = probs.map((p) => [1 - p, p]);
    if (state.extraRow) rows.push([0.5, 0.5]);
    const payload =
      req.url === '/classify'
        ? { data: [{ index: 0, label: 'LABEL_1', probs: [1 - probs[probs.length - 1]!, probs[probs.length - 1]!], num_classes: 2 }] }
        : { id: 'pool-1', object: 'list', created: 0, model: body['model'], data: [{ index: 0, object: 'pooling', data: rows }], usage: { prompt_tokens: 10, total_tokens: 10 } };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  } finally {
    state.inFlight--;
  }
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  Object.assign(state, { requests: [], failures: [], delayMs: 0, inFlight: 0, maxInFlight: 0, extraRow: false });
});

const problem: Problem = { id: 'q1', text: 'What is 2 + 3 * 4?', images: [], answerType: 'number' };
const item = (steps: string[], candidate: string): PrmItem => ({ problem, steps, candidate, terminal: false });
const prm = (options: Partial<HttpPrmOptions> = {}) => new HttpPrm({ baseUrl, model: 'Qwen/Qwen2.5-Math-PRM-7B', retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options });

describe('HttpPrm against a vLLM-like /pooling server', () => {
  it('scores each item by the last step reward of its whole solution, one request per distinct solution', async () => {
    const items = [
      item(['3 * 4 = 12 p=0.9'], '2 + 12 = 14 p=0.8'),
      item(['3 * 4 = 12 p=0.9'], '2 + 12 = 15 p=0.1'),
      item([], '2 + 3 = 5 p=0.2'),
      item(['3 * 4 = 12 p=0.9'], '2 + 12 = 14 p=0.8'), // duplicate of the first
    ];
    const result = await prm({ apiKey: 'sk-test' }).score(items);
    expect(result.scores).toEqual([0.8, 0.1, 0.2, 0.8]);
    expect(state.requests).toHaveLength(3);
    const first = state.requests[0]!;
    expect(first.path).toBe('/pooling');
    expect(first.auth).toBe('Bearer sk-test');
    expect(first.body).toEqual({
      model: 'Qwen/Qwen2.5-Math-PRM-7B',
      messages: [
        { role: 'system', content: 'Please reason step by step, and put your final answer within \\boxed{}.' },
        { role: 'user', content: 'What is 2 + 3 * 4?' },
        { role: 'assistant', content: '3 * 4 = 12 p=0.9<extra_0>2 + 12 = 14 p=0.8<extra_0>' },
      ],
    });
  });

  it('can send one rendered ChatML input string instead of messages, plus a task field', async () => {
    await prm({ prompt: 'text', task: 'token_classify' }).score([item(['a p=0.3'], 'b p=0.6')]);
    const body = state.requests[0]!.body;
    expect(body['input']).toBe(renderQwenChatMl('What is 2 + 3 * 4?', 'a p=0.3<extra_0>b p=0.6<extra_0>', 'Please reason step by step, and put your final answer within \\boxed{}.'));
    expect(body['input']).toContain('<|im_start|>assistant\na p=0.3<extra_0>b p=0.6<extra_0><|im_end|>');
    expect(body['task']).toBe('token_classify');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    state.delayMs = 30;
    const items = Array.from({ length: 6 }, (_, k) => item([], `step ${k} p=0.${k}`));
    const result = await prm({ concurrency: 2 }).score(items);
    expect(result.scores).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(state.maxInFlight).toBe(2);
  });

  it('retries 503 and 429 (honouring Retry-After) and then succeeds', async () => {
    state.failures = [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }];
    const result = await prm().score([item([], 'x p=0.7')]);
    expect(result.scores).toEqual([0.7]);
    expect(state.requests).toHaveLength(3);
  });

  it('does not retry a 400 and reports the server message and status', async () => {
    state.failures = [{ status: 400, body: JSON.stringify({ object: 'error', message: 'This model does not support pooling', code: 400 }) }];
    const error = await prm().score([item([], 'x')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpPrmError);
    expect(error).toMatchObject({ kind: 'http', status: 400, attempts: 1 });
    expect((error as Error).message).toMatch(/HTTP 400: This model does not support pooling/);
    expect(state.requests).toHaveLength(1);
  });

  it('gives up after maxRetries', async () => {
    state.failures = [{ status: 500 }, { status: 502 }, { status: 503 }];
    const error = await prm({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } }).score([item([], 'x')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
  });

  it('times out a stalled server', async () => {
    state.delayMs = 400;
    const started = Date.now();
    const error = await prm({ timeoutMs: 50, retry: { maxRetries: 0 } }).score([item([], 'x')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toMatch(/no response within 50 ms/);
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('stops at once when aborted', async () => {
    state.delayMs = 400;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(prm().score([item([], 'x')], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('rejects a reward count that does not match the steps, with a hint', async () => {
    state.extraRow = true;
    const error = await prm().score([item(['a'], 'b')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-response' });
    expect((error as Error).message).toMatch(/got 3 step rewards for 2 steps.*<extra_0>/);
    // a separator inside a step is removed rather than creating a phantom step
    state.extraRow = false;
    const ok = await prm().score([item(['a<extra_0>still a p=0.4'], 'b p=0.3')]);
    expect(ok.scores).toEqual([0.3]);
  });

  it('supports /classify and custom formats', async () => {
    expect((await prm({ format: 'classify' }).score([item(['a'], 'b p=0.65')])).scores).toEqual([0.65]);
    expect(state.requests[0]!.path).toBe('/classify');
    const custom = prm({
      format: {
        endpoint: '/pooling',
        body: (req, s) => ({ model: s.model, input: `${req.problem.text}\n${req.steps.join('<extra_0>')}<extra_0>` }),
        score: (res) => 1 - ((res as { data: Array<{ data: number[][] }> }).data[0]!.data.at(-1)![0] as number),
      },
    });
    expect((await custom.score([item([], 'only p=0.25')])).scores).toEqual([0.25]);
  });

  it('reports a network error for a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await new HttpPrm({ baseUrl: `http://127.0.0.1:${port}`, model: 'm', retry: { maxRetries: 0 } }).score([item([], 'x')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
