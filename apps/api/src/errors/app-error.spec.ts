import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { toErrorBody } from './error-body';
import { ERROR_KINDS, kindForStatus } from './error-kinds';
import { parseOrThrow } from './parse-or-throw';
import { toAppError } from './to-app-error';
import { toTrpcError } from './trpc-error';

describe('AppError', () => {
  it.each([
    [AppError.validation('bad'), 400, 'invalid_request_error', 'validation_error'],
    [AppError.unprocessable('frozen'), 422, 'invalid_request_error', 'unprocessable'],
    [AppError.unauthorized(), 401, 'authentication_error', 'invalid_api_key'],
    [AppError.forbidden(), 403, 'permission_error', 'forbidden'],
    [AppError.notFound('deployment', 'demo'), 404, 'not_found_error', 'not_found'],
    [AppError.conflict('taken'), 409, 'conflict_error', 'conflict'],
    [AppError.payloadTooLarge('big'), 413, 'invalid_request_error', 'payload_too_large'],
    [AppError.rateLimited(3), 429, 'rate_limit_error', 'rate_limit_exceeded'],
    [AppError.unavailable('db down'), 503, 'service_unavailable_error', 'unavailable'],
  ])('%s → %d %s %s', (error, status, type, code) => {
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.code).toBe(code);
  });

  it('says what was not found', () => {
    expect(AppError.notFound('deployment', 'demo').message).toBe("deployment 'demo' was not found");
  });

  it('serializes to the OpenAI error shape', () => {
    const body = toErrorBody(AppError.validation('Invalid request body: name: Required', { param: 'name' }), 'req-1');
    expect(body).toEqual({
      error: {
        message: 'Invalid request body: name: Required',
        type: 'invalid_request_error',
        param: 'name',
        code: 'validation_error',
        request_id: 'req-1',
      },
    });
  });

  it('maps each kind to a tRPC code once, in the same table', () => {
    for (const [kind, info] of Object.entries(ERROR_KINDS)) {
      expect(toTrpcError(new AppError(kind as keyof typeof ERROR_KINDS, 'x')).code).toBe(info.trpc);
    }
    expect(toTrpcError(new Error('secret')).message).toBe('Internal server error.');
    const passThrough = new TRPCError({ code: 'NOT_FOUND' });
    expect(toTrpcError(passThrough)).toBe(passThrough);
  });
});

describe('toAppError', () => {
  it('passes AppErrors through', () => {
    const error = AppError.conflict('x');
    expect(toAppError(error)).toBe(error);
  });

  it('keeps the status of Nest HttpExceptions', () => {
    expect(toAppError(new NotFoundException('Cannot GET /x'))).toMatchObject({ kind: 'not_found', status: 404, message: 'Cannot GET /x' });
    expect(toAppError(new BadRequestException(['a must be a string', 'b is required']))).toMatchObject({
      kind: 'bad_request',
      status: 400,
      message: 'a must be a string; b is required',
    });
    expect(toAppError(new HttpException('Unsupported Media Type', 415))).toMatchObject({ kind: 'bad_request', status: 415 });
  });

  it('turns anything else into an internal error without its message', () => {
    const error = toAppError(new Error('password=hunter2'));
    expect(error).toMatchObject({ kind: 'internal', status: 500 });
    expect(error.message).not.toContain('hunter2');
    expect(toAppError(new HttpException('db exploded', 500)).message).not.toContain('db');
  });

  it('maps statuses without a kind', () => {
    expect(kindForStatus(404)).toBe('not_found');
    expect(kindForStatus(400)).toBe('bad_request');
    expect(kindForStatus(418)).toBe('bad_request');
    expect(kindForStatus(502)).toBe('internal');
  });
});

describe('parseOrThrow', () => {
  const ZConfig = z.object({ strategy: z.enum(['greedy', 'prm-bas']), beams: z.array(z.object({ width: z.number().int().positive() })) });

  it('returns the parsed value', () => {
    expect(parseOrThrow(ZConfig, { strategy: 'greedy', beams: [] })).toEqual({ strategy: 'greedy', beams: [] });
  });

  it('throws a validation error naming the field', () => {
    let caught: unknown;
    try {
      parseOrThrow(ZConfig, { strategy: 'greedy', beams: [{ width: 0 }], extra: 1 }, 'strategy config');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error).toMatchObject({ kind: 'validation', status: 400, param: 'beams.0.width' });
    expect(error.message).toMatch(/^Invalid strategy config: beams\.0\.width: Too small/);
    expect(error.issues?.[0]).toMatchObject({ path: 'beams.0.width', code: 'too_small' });
  });

  it('counts the other problems', () => {
    expect(() => parseOrThrow(ZConfig, {})).toThrow(/Invalid input: strategy: .*\(and 1 more\)/);
  });
});
