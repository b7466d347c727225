export { abortReason } from './abort';
export { DEFAULT_BACKOFF, backoffDelay, parseRetryAfter, sleep, withRetry } from './retry';
export type { BackoffConfig, RetryDecision, RetryOptions } from './retry';
export { SpecError } from './spec-error';
