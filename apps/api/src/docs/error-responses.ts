import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { ZErrorBody } from '../errors/error-body';

const ERROR_BODY = 'ErrorBody';
const ERROR_BODY_REF = `#/components/schemas/${ERROR_BODY}`;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Documents the error statuses a route answers, each with the shared ErrorBody:
 *   @ApiErrors(400, 404, 409) create(...)
 * Every operation also gets a `default` ErrorBody response (see withErrorResponses).
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: STATUS_CODES[status] ?? 'Error', schema: { $ref: ERROR_BODY_REF } }),
    ),
  );
}

/** Adds the ErrorBody schema, and a `default` response using it to every operation lacking one. */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  schemas[ERROR_BODY] = errorBodySchema();
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses['default'] ??= {
        description: 'Error: `{ error: { message, type, param, code } }`, as the OpenAI API answers',
        content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } },
      };
    }
  }
  return document;
}

function errorBodySchema(): Record<string, unknown> {
  const json = z.toJSONSchema(ZErrorBody, { target: 'openapi-3.0' }) as { definitions?: Record<string, Record<string, unknown>> };
  const schema = json.definitions?.[ERROR_BODY];
  if (!schema) throw new Error('ZErrorBody must carry meta id ErrorBody');
  return schema;
}
