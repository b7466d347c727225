/**
 * Token buckets per caller, in memory: each holds up to `burst` requests and refills at
 * `perMinute` requests a minute; a request takes one token or is refused with the time until one
 * is back. Per process: behind N API processes a key gets N times the rate (see the README).
 */

export interface RateLimitSettings {
  /** Refill rate; 0 turns limiting off. */
  perMinute: number;
  /** Bucket size: requests a caller may send at once. */
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: ms until a token is back. */
  retryAfterMs: number;
  /** ms until the bucket is full again. */
  resetMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle long enough to be full again are dropped once this many exist (memory bound). */
const SWEEP_ABOVE = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(readonly settings: RateLimitSettings) {
    this.capacity = Math.max(1, settings.burst);
    this.perMs = settings.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.settings.perMinute > 0;
  }

  take(key: string, now: number = performance.now()): RateDecision {
    if (!this.enabled) return { allowed: true, remaining: this.capacity, retryAfterMs: 0, resetMs: 0 };
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      this.buckets.set(key, bucket);
    }
    return {
      allowed,
      remaining: Math.floor(bucket.tokens),
      retryAfterMs: allowed ? 0 : (1 - bucket.tokens) / this.perMs,
      resetMs: (this.capacity - bucket.tokens) / this.perMs,
    };
  }

  size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
  }
}
