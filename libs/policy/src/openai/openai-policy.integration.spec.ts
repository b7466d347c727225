import type { Problem, ProposeRequest } from '@prmbas/search';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIPolicy } from './openai-policy';
import { OpenAIPolicyError } from './openai-error';
import { createOpenAIPolicyFromSpec } from './openai-spec';
import type { OpenAIPolicyOptions } from './openai-config';
import { VllmEmulator, type ChatBody, type VllmEmulatorOptions } from './vllm-emulator';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250]);
const problem: Problem = {
  id: 'q1',
  text: 'Which bar is tallest?',
  images: [{ mime: 'image/png', data: PNG }],
  answerType: 'choice',
  choices: ['red', 'blue'],
};

let servers: VllmEmulator[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(emu: VllmEmulatorOptions = {}, opts: Partial<OpenAIPolicyOptions> = {}) {
  const server = await new VllmEmulator(emu).start();
  servers.push(server);
  const policy = new OpenAIPolicy({ baseUrl: server.url, model: 'emu-model', backoff: { baseMs: 5, maxMs: 20 }, ...opts });
  return { server, policy };
}

const req = (over: Partial<ProposeRequest> = {}): ProposeRequest => ({ problem, steps: [], n: 1, temperature: 0.7, seed: 11, ...over });

function lastBody(server: VllmEmulator): ChatBody {
  return server.requests[server.requests.length - 1]!.body;
}

describe('OpenAIPolicy against a vLLM-like server', () => {
  it('sends the vLLM request shape: image data URL, choices, stop, n, seed, continuation flags', async () => {
    const { server, policy } = await setup({}, { apiKey: 'sk-test', maxTokensPerStep: 64, extraBody: { top_p: 0.9, n: 99 } });
    await policy.propose(req({ n: 3, steps: ['First, read the bars.', 'Red is 5.'] }));
    const r = server.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.headers['authorization']).toBe('Bearer sk-test');
    const b = r.body;
    expect(b).toMatchObject({ model: 'emu-model', n: 3, seed: 11, temperature: 0.7, max_tokens: 64, stop: ['\n\n'], top_p: 0.9 });
    expect(b.continue_final_message).toBe(true);
    expect(b.add_generation_prompt).toBe(false);
    const [system, user, assistant] = b.messages!;
    expect(system!.role).toBe('system');
    expect(String(system!.content)).toMatch(/The answer is X\./);
    const parts = user!.content as Array<{ type: string; text?: string; image_url?: { url: string } }>;
    expect(parts[0]!.type).toBe('image_url');
    const url = parts[0]!.image_url!.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect([...Buffer.from(url.split(',')[1]!, 'base64')]).toEqual([...PNG]);
    expect(parts[1]).toEqual({ type: 'text', text: 'Which bar is tallest?\n\nChoices:\n(A) red\n(B) blue' });
    expect(assistant).toEqual({ role: 'assistant', content: 'First, read the bars.\n\nRed is 5.\n\n' });
    expect(b.messages).toHaveLength(3);
  });

  it('the spec factory sends the key found in the env it is given', async () => {
    const { server } = await setup();
    const policy = createOpenAIPolicyFromSpec(`openai:${server.url}`, { model: 'emu-model', env: { OPENAI_API_KEY: 'sk-from-env' } });
    await policy.propose(req());
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer sk-from-env');
    const keyless = createOpenAIPolicyFromSpec(`openai:${server.url}`, { model: 'emu-model', env: {} });
    await keyless.propose(req());
    expect(server.requests[1]!.headers['authorization']).toBeUndefined();
  });

  it('returns n candidates with tokens that add up to the reported usage', async () => {
    const { policy } = await setup();
    const out = await policy.propose(req({ n: 4, seed: 5 }));
    expect(out.map((p) => p.text)).toEqual(['step 0 seed 5', 'step 1 seed 5', 'step 2 seed 5', 'step 3 seed 5']);
    expect(out.every((p) => !p.terminal)).toBe(true);
    // Emulator: 4 words + 1 stop token per choice.
    expect(out.reduce((s, p) => s + (p.tokens ?? 0), 0)).toBe(20);
    expect(policy.stats()).toMatchObject({ requests: 1, proposeCalls: 1, completionTokens: 20, promptTokens: 100 });
  });

  it('marks a step terminal when it states the answer or the model stops at EOS, not at the delimiter or max_tokens', async () => {
    const texts = [
      { text: 'Red is tallest, so the answer is (A).', end: 'delimiter' as const },
      { text: 'I am done here', end: 'eos' as const },
      { text: 'Compare red with blue', end: 'delimiter' as const },
      { text: 'A very long step that got cut', end: 'length' as const },
    ];
    const { policy } = await setup({ generate: (_b, i) => texts[i]! });
    const out = await policy.propose(req({ n: 4 }));
    expect(out.map((p) => [p.terminal, p.answer])).toEqual([
      [true, 'A'],
      [true, undefined],
      [false, undefined],
      [false, undefined],
    ]);
  });

  it('finalize asks for the answer in a new user turn and marks every candidate terminal', async () => {
    const { server, policy } = await setup({ generate: () => ({ text: 'Hmm, still thinking' }) });
    const out = await policy.propose(req({ n: 2, steps: ['Red is 5.'], finalize: true }));
    const b = lastBody(server);
    expect(b.continue_final_message).toBeUndefined();
    expect(b.messages!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(String(b.messages![3]!.content)).toMatch(/final answer/);
    expect(out.every((p) => p.terminal)).toBe(true);
  });

  it('auto mode falls back to instruct once the server rejects continue_final_message, and remembers it', async () => {
    const { server, policy } = await setup({ rejectUnknownParams: true });
    const out = await policy.propose(req({ n: 2, steps: ['Red is 5.', 'Blue is 3.'] }));
    expect(out).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    const retry = server.requests[1]!.body;
    expect(retry.continue_final_message).toBeUndefined();
    expect(retry.messages!.map((m) => m.role)).toEqual(['system', 'user']);
    const text = (retry.messages![1]!.content as Array<{ type: string; text?: string }>).find((p) => p.type === 'text')!.text!;
    expect(text).toContain('Your solution so far:\n\nRed is 5.\n\nBlue is 3.');
    expect(text).toMatch(/write only the next step/);
    expect(policy.continuation).toBe('instruct');

    await policy.propose(req({ steps: ['Red is 5.'] }));
    expect(server.requests).toHaveLength(3); // straight to instruct, no second failed attempt
    expect(policy.stats()).toMatchObject({ requests: 3, fallbacks: 1, retries: 0 });
  });

  it('auto mode does not fall back on a 400 that is not about the continuation flags', async () => {
    const { server, policy } = await setup();
    server.enqueue({ status: 400, body: { error: { message: "This model's maximum context length is 4096 tokens" } } });
    await expect(policy.propose(req({ steps: ['Red is 5.'] }))).rejects.toMatchObject({ status: 400 });
    expect(server.requests).toHaveLength(1);
    expect(policy.stats()).toMatchObject({ fallbacks: 0, continuation: 'auto' });
  });

  it('auto mode settles on continue when the server accepts it', async () => {
    const { policy } = await setup();
    expect(policy.continuation).toBe('auto');
    await policy.propose(req({ steps: ['Red is 5.'] }));
    expect(policy.continuation).toBe('continue');
  });

  it('explicit continue mode surfaces the rejection instead of falling back', async () => {
    const { server, policy } = await setup({ rejectUnknownParams: true }, { continuation: 'continue' });
    await expect(policy.propose(req({ steps: ['Red is 5.'] }))).rejects.toMatchObject({ status: 400 });
    expect(server.requests).toHaveLength(1);
  });

  it('instruct mode never sends the continuation flags', async () => {
    const { server, policy } = await setup({ rejectUnknownParams: true }, { continuation: 'instruct' });
    await policy.propose(req({ steps: ['Red is 5.'] }));
    expect(server.requests).toHaveLength(1);
    expect('continue_final_message' in lastBody(server)).toBe(false);
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    const { server, policy } = await setup();
    server.enqueue({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Too many requests' } } });
    const started = Date.now();
    const out = await policy.propose(req());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(out).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(policy.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('fails at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    const { server, policy } = await setup({}, { maxRetryAfterMs: 5_000 });
    server.enqueue({ status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'quota exceeded' } } });
    const err = await policy.propose(req()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAIPolicyError);
    expect((err as Error).message).toMatch(/429: quota exceeded.*retry after 3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx with backoff and gives up after maxRetries', async () => {
    const { server, policy } = await setup({}, { maxRetries: 2 });
    server.enqueue({ status: 500, body: 'Internal Server Error' }, { status: 503, body: { message: 'overloaded' } });
    expect(await policy.propose(req())).toHaveLength(1);
    expect(policy.stats()).toMatchObject({ requests: 3, retries: 2 });

    server.enqueue({ status: 502, body: 'bad gateway' }, { status: 502, body: 'bad gateway' }, { status: 502, body: 'bad gateway' });
    await expect(policy.propose(req())).rejects.toMatchObject({ status: 502, serverMessage: 'bad gateway' });
    expect(policy.stats()).toMatchObject({ requests: 6, retries: 4, failures: 1 });
  });

  it('does not retry a 400 and surfaces the server message, URL and model but never the key', async () => {
    const { server, policy } = await setup({}, { apiKey: 'sk-secret-123' });
    server.enqueue({ status: 400, body: { error: { message: "This model's maximum context length is 4096 tokens (key sk-secret-123)" } } });
    const err = (await policy.propose(req()).catch((e: unknown) => e)) as OpenAIPolicyError;
    expect(err).toBeInstanceOf(OpenAIPolicyError);
    expect(err.status).toBe(400);
    expect(err.kind).toBe('http');
    expect(err.serverMessage).toMatch(/maximum context length is 4096/);
    expect(err.message).toContain(`${server.url}/chat/completions`);
    expect(err.message).toContain('emu-model');
    expect(err.message).not.toContain('sk-secret-123');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 404 for an unknown model without retrying', async () => {
    const { server } = await setup();
    const policy = new OpenAIPolicy({ baseUrl: server.url, model: 'no-such-model', backoff: { baseMs: 5 } });
    await expect(policy.propose(req())).rejects.toThrow(/HTTP 404: The model `no-such-model` does not exist/);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hung request, retries it, then fails with a timeout error', async () => {
    const { server, policy } = await setup({ delayMs: 5_000 }, { timeoutMs: 100, maxRetries: 1 });
    const started = Date.now();
    const err = (await policy.propose(req()).catch((e: unknown) => e)) as OpenAIPolicyError;
    expect(err).toBeInstanceOf(OpenAIPolicyError);
    expect(err.kind).toBe('timeout');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports an unreachable server as a network error after retrying', async () => {
    const { server } = await setup();
    const url = server.url;
    await server.close();
    servers = [];
    const policy = new OpenAIPolicy({ baseUrl: url, model: 'emu-model', maxRetries: 2, backoff: { baseMs: 1, maxMs: 1 } });
    const err = (await policy.propose(req()).catch((e: unknown) => e)) as OpenAIPolicyError;
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(policy.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('keeps at most `concurrency` requests in flight across all callers', async () => {
    const { server, policy } = await setup({ delayMs: 40 }, { concurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => policy.propose(req({ seed: i }))));
    expect(server.requests).toHaveLength(10);
    expect(server.maxInFlight).toBe(3);
    expect(policy.stats().maxInFlight).toBe(3);
  });

  it('aborts an in-flight request when the caller aborts, without retrying', async () => {
    const { server, policy } = await setup({ delayMs: 5_000 });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(new Error('search cancelled')), 50);
    const started = Date.now();
    await expect(policy.propose(req({ signal: ctrl.signal }))).rejects.toThrow('search cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('tops up with fresh seeds when the server ignores n (Ollama-like)', async () => {
    const { server, policy } = await setup({ ignoreN: true });
    const out = await policy.propose(req({ n: 3, seed: 7 }));
    expect(out).toHaveLength(3);
    expect(server.requests.map((r) => r.body.n)).toEqual([3, 2, 1]);
    const seeds = server.requests.map((r) => r.body.seed);
    expect(seeds[0]).toBe(7);
    expect(new Set(seeds).size).toBe(3);
    expect(policy.stats()).toMatchObject({ requests: 3, topUpCalls: 2 });
  });

  it('samples once at temperature 0 and repeats the greedy step', async () => {
    const { server, policy } = await setup();
    const out = await policy.propose(req({ n: 4, temperature: 0 }));
    expect(server.requests.map((r) => r.body.n)).toEqual([1]);
    expect(new Set(out.map((p) => p.text)).size).toBe(1);
    expect(out.map((p) => p.tokens)).toEqual([5, 0, 0, 0]);
  });

  it('rejects a 200 that is not a chat completion', async () => {
    const { server, policy } = await setup();
    server.enqueue({ status: 200, body: '<html>proxy login</html>' });
    await expect(policy.propose(req())).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});
