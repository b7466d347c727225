/**
 * Per-caller rate limit of the serving API: an API key's bucket (a console session's user's
 * bucket), SERVING_RATE_LIMIT_RPM a minute with bursts of SERVING_RATE_LIMIT_BURST. Answers 429
 * with Retry-After (seconds until a request would pass) and OpenAI's `x-ratelimit-*-requests`
 * headers on every answer. Runs after authentication (an unauthenticated request is the auth
 * guard's 401, not a 429).
 */
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Authenticator } from '../../auth/authenticator';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../../errors/app-error';
import { TokenBuckets } from './token-bucket';

@Injectable()
export class ServingRateLimitGuard implements CanActivate {
  readonly buckets: TokenBuckets;

  constructor(
    private readonly authenticator: Authenticator,
    config: AppConfig,
  ) {
    this.buckets = new TokenBuckets({ perMinute: config.serving.rateLimitPerMinute, burst: config.serving.rateLimitBurst });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.buckets.enabled) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { actor } = await this.authenticator.authenticate(req);
    if (!actor) return true;
    const key = actor.credential.type === 'api_key' ? `key:${actor.credential.apiKeyId}` : `user:${actor.user.id}`;
    const decision = this.buckets.take(key);
    res.setHeader('x-ratelimit-limit-requests', String(this.buckets.settings.perMinute));
    res.setHeader('x-ratelimit-remaining-requests', String(decision.remaining));
    res.setHeader('x-ratelimit-reset-requests', `${Math.ceil(decision.resetMs / 1000)}s`);
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw AppError.rateLimited(seconds, `Rate limit reached for this API key: ${this.buckets.settings.perMinute} requests per minute (bursts of ${Math.max(1, this.buckets.settings.burst)}); retry in ${seconds} s.`);
    }
    return true;
  }
}
