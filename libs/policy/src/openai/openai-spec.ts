/**
 * The CLI form of the policy: `openai:BASE_URL` (e.g. `openai:http://localhost:8000/v1`) plus a
 * model name and options. The API key comes from the options, else from the `env` the caller
 * passes (the CLI passes `process.env`, so `OPENAI_API_KEY` works); this library never reads the
 * process environment itself.
 */
import { SpecError } from '../shared/spec-error';
import { OpenAIPolicy } from './openai-policy';
import type { OpenAIPolicyOptions } from './openai-config';

export const OPENAI_SPEC_PREFIX = 'openai:';

/** Environment variable holding the API key, as the OpenAI SDKs name it. */
export const OPENAI_API_KEY_ENV = 'OPENAI_API_KEY';

export function isOpenAIPolicySpec(spec: string): boolean {
  return spec.startsWith(OPENAI_SPEC_PREFIX);
}

/**
 * The base URL of an `openai:` spec, without a trailing slash. A bare host (`http://h:8000`) gets
 * `/v1` appended, since every OpenAI-compatible server serves there and forgetting it is the
 * common mistake; any other path is kept as given.
 */
export function parseOpenAIPolicySpec(spec: string): { baseUrl: string } {
  if (!isOpenAIPolicySpec(spec)) throw new SpecError(spec, 'policy', `must start with "${OPENAI_SPEC_PREFIX}"`);
  const raw = spec.slice(OPENAI_SPEC_PREFIX.length).trim();
  if (raw === '') throw new SpecError(spec, 'baseUrl', 'is missing (expected e.g. openai:http://localhost:8000/v1)');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SpecError(spec, 'baseUrl', `is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SpecError(spec, 'baseUrl', `must be http or https, got "${url.protocol}"`);
  if (url.username || url.password) throw new SpecError(spec, 'baseUrl', 'must not contain credentials (pass the key as OPENAI_API_KEY)');
  if (url.search || url.hash) throw new SpecError(spec, 'baseUrl', 'must not have a query or fragment');
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1';
  return { baseUrl: url.toString().replace(/\/+$/, '') };
}

export type OpenAIPolicySpecOptions = Omit<OpenAIPolicyOptions, 'baseUrl'> & {
  /** Where to find OPENAI_API_KEY when `apiKey` is not given (the CLI passes `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
};

export function createOpenAIPolicyFromSpec(spec: string, options: OpenAIPolicySpecOptions): OpenAIPolicy {
  const { baseUrl } = parseOpenAIPolicySpec(spec);
  const { env, ...rest } = options;
  if (!rest.model || rest.model.trim() === '') throw new SpecError(spec, 'model', 'is required (the model name the server serves)');
  return new OpenAIPolicy({ ...rest, baseUrl, apiKey: rest.apiKey ?? env?.[OPENAI_API_KEY_ENV] });
}
