import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { APP_VERSION } from '../app-info';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { withErrorResponses } from './error-responses';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs/json';

/**
 * OpenAPI for the REST surface: Swagger UI at /docs, the document at /docs/json. Routes describe
 * their inputs and outputs with zod schemas (`@Body({ schema })`, `@ApiOkResponse({ standardSchema })`),
 * converted to JSON Schema by @nestjs/swagger. The document is built on first request.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('PRM-BAS platform API')
    .setDescription(
      'REST surface of the PRM-BAS platform: health, metrics and the OpenAI-compatible reasoning API. ' +
        'Every error answers `{ error: { message, type, param, code } }` like the OpenAI API, with the `x-request-id` header.',
    )
    .setVersion(APP_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key of the platform' })
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: 'The console session (set by auth.signIn)' }, 'session')
    .build();
  let document: OpenAPIObject | undefined;
  const factory = () => {
    document ??= withErrorResponses(SwaggerModule.createDocument(app, config));
    return document;
  };
  SwaggerModule.setup(DOCS_PATH, app, factory, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    yamlDocumentUrl: 'docs/yaml',
    customSiteTitle: 'PRM-BAS API docs',
  });
}
