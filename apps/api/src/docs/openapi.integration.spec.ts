import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeModule } from '../testing/probe.module';
import { startTestApi, type TestApi } from '../testing/test-api';

interface Operation {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters: { name: string; in: string; schema?: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

let api: TestApi;
let document: OpenApiDocument;

beforeAll(async () => {
  api = await startTestApi({ imports: [ProbeModule] });
  const response = await api.request('/docs/json');
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
});
afterAll(() => api?.close());

const schemaRef = (operation: Operation | undefined, status: string) =>
  operation?.responses[status]?.content?.['application/json']?.schema.$ref;

describe('OpenAPI docs', () => {
  it('GET /docs/json lists the REST routes', () => {
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.keys(document.paths).filter((p) => !p.startsWith('/__probe'));
    expect(routes.sort()).toEqual([
      '/annotations/items/{itemId}/images/{position}',
      '/auth/me',
      '/datasets/questions/{questionId}/images/{position}',
      '/datasets/versions/{versionId}/export',
      '/datasets/{datasetId}/versions/import',
      '/deployments',
      '/deployments/{id}',
      '/healthz',
      '/jobs',
      '/jobs/{id}',
      '/jobs/{id}/cancel',
      '/metrics',
      '/models/versions/{id}/artifact',
      '/readyz',
      '/traces',
      '/traces/{id}',
      '/traces/{id}/images/{position}',
      '/training/runs/{id}/metrics/stream',
      '/v1/chat/completions',
      '/v1/models',
      '/v1/models/{model}',
    ]);
  });

  it('describes responses from the zod schemas', () => {
    expect(schemaRef(document.paths['/readyz']?.get, '503')).toBe('#/components/schemas/ReadinessResponse');
    expect(Object.keys(document.components.schemas['HealthResponse']?.properties ?? {})).toEqual(['status', 'uptimeSeconds', 'version']);
  });

  it('documents the OpenAI-compatible error body on every operation', () => {
    expect(Object.keys(document.components.schemas['ErrorBody']?.properties ?? {})).toEqual(['error']);
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) expect(schemaRef(operation, 'default')).toBe('#/components/schemas/ErrorBody');
    }
  });

  it('documents the statuses a route lists with @ApiErrors', () => {
    const fail = document.paths['/__probe/error/{kind}']?.get;
    expect(schemaRef(fail, '404')).toBe('#/components/schemas/ErrorBody');
    expect(schemaRef(fail, '429')).toBe('#/components/schemas/ErrorBody');
  });

  it('documents request bodies and query parameters declared with `{ schema }`', () => {
    const echo = document.paths['/__probe/echo']?.post;
    const body = echo?.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown> };
    expect(Object.keys(body?.properties ?? {})).toEqual(['name', 'steps']);
    expect(document.paths['/__probe/items']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', schema: expect.objectContaining({ type: 'integer' }) }),
    ]);
  });

  it('GET /docs serves Swagger UI', async () => {
    const response = await api.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('swagger-ui');
  });
});
