/**
 * Test support (not exported): a real HTTP server on 127.0.0.1 that answers `/v1/chat/completions`
 * the way vLLM's OpenAI-compatible server does — `n` choices, `stop_reason` (the matched stop
 * string, or null for EOS), `usage`, vLLM's error shape and its 400 for contradictory continuation
 * flags — with switches to behave like servers that ignore `n` (Ollama) or reject unknown fields
 * (OpenAI). Scripted replies (`enqueue`) take precedence, for 429s, 5xxs and hangs.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  n?: number;
  seed?: number;
  temperature?: number;
  stop?: string[];
  continue_final_message?: boolean;
  add_generation_prompt?: boolean;
  [key: string]: unknown;
}

export interface EmulatedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatBody;
}

/** How a generated choice ended: at the stop string, at EOS, or at max_tokens. */
export type Ending = 'delimiter' | 'eos' | 'length';

export interface Generated {
  text: string;
  end?: Ending;
}

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a string. */
  body?: unknown;
  /** Wait before answering (a hang when longer than the client's timeout). */
  delayMs?: number;
}

export interface VllmEmulatorOptions {
  model?: string;
  /** Text of choice `index` for a request (default: "step <index> seed <seed>", ended by the delimiter). */
  generate?: (body: ChatBody, index: number) => Generated;
  /** Answer every request with one choice, like servers that ignore `n`. */
  ignoreN?: boolean;
  /** 400 for `continue_final_message` / `add_generation_prompt`, as OpenAI does for unknown arguments. */
  rejectUnknownParams?: boolean;
  /** Delay of every normal answer. */
  delayMs?: number;
}

export class VllmEmulator {
  readonly requests: EmulatedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly queue: ScriptedReply[] = [];
  private readonly server: Server;
  private baseUrl = '';

  constructor(private readonly options: VllmEmulatorOptions = {}) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: ChatBody = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
        } catch {
          // recorded as {}; answered below as a 400
        }
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          this.inFlight--;
        };
        res.on('close', finish);
        const reply = this.queue.shift() ?? this.answer(req.url ?? '', body);
        const timer = setTimeout(() => this.send(res, reply), reply.delayMs ?? 0);
        res.on('close', () => clearTimeout(timer));
      });
    });
  }

  /** `http://127.0.0.1:<port>/v1`. */
  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answer the next request(s) with these replies, in order, before resuming normal answers. */
  enqueue(...replies: ScriptedReply[]): void {
    this.queue.push(...replies);
  }

  private send(res: ServerResponse, reply: ScriptedReply): void {
    if (res.destroyed) return;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  }

  private error(status: number, message: string): ScriptedReply {
    // vLLM's error body (recent versions nest it under `error`, as OpenAI does).
    return { status, body: { error: { message, type: 'BadRequestError', param: null, code: status } } };
  }

  private answer(path: string, body: ChatBody): ScriptedReply {
    const o = this.options;
    if (path !== '/v1/chat/completions') return this.error(404, `Not Found: ${path}`);
    if (!Array.isArray(body.messages)) return this.error(400, 'messages: Field required');
    if (body.model !== (o.model ?? 'emu-model')) return this.error(404, `The model \`${String(body.model)}\` does not exist.`);
    for (const key of ['continue_final_message', 'add_generation_prompt']) {
      if (o.rejectUnknownParams && key in body) return this.error(400, `Unrecognized request argument supplied: ${key}`);
    }
    if (body.continue_final_message && body.add_generation_prompt !== false) {
      return this.error(400, 'Cannot set both `continue_final_message` and `add_generation_prompt` to True.');
    }
    const n = o.ignoreN ? 1 : (body.n ?? 1);
    const delimiter = body.stop?.[0] ?? '\n\n';
    const generate = o.generate ?? ((b: ChatBody, i: number): Generated => ({ text: `step ${i} seed ${b.seed ?? 'none'}` }));
    const choices = Array.from({ length: n }, (_, index) => {
      const g = generate(body, index);
      const end = g.end ?? 'delimiter';
      return {
        index,
        message: { role: 'assistant', content: g.text, tool_calls: [] },
        logprobs: null,
        finish_reason: end === 'length' ? 'length' : 'stop',
        stop_reason: end === 'delimiter' ? delimiter : null,
      };
    });
    // One "token" per word plus the stop token: enough to check how usage is split.
    const completion = choices.reduce((sum, c) => sum + c.message.content.split(/\s+/).filter(Boolean).length + 1, 0);
    return {
      status: 200,
      delayMs: o.delayMs,
      body: {
        id: `chatcmpl-${this.requests.length}`,
        object: 'chat.completion',
        created: 0,
        model: body.model,
        choices,
        usage: { prompt_tokens: 100, completion_tokens: completion, total_tokens: 100 + completion },
        prompt_logprobs: null,
      },
    };
  }
}
