export * from './openai';
export * from './mc';
export { SpecError } from './shared/spec-error';
export * from './sim';
export { abortReason, backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, sleep, withRetry } from './shared';
export type { BackoffConfig, RetryDecision, RetryOptions } from './shared';
