import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { validationErrorFrom } from './schema-issues';

type StandardSchema = NonNullable<ArgumentMetadata['schema']>;

const WHERE: Record<ArgumentMetadata['type'], string> = {
  body: 'request body',
  query: 'query',
  param: 'path parameters',
  custom: 'input',
};

/**
 * Validates route arguments against a Standard Schema (zod 4 is one) and throws a validation
 * AppError (400) naming the field. Installed globally, it checks every argument declared with a
 * schema, and the same schema documents the route in OpenAPI:
 *   create(@Body({ schema: ZCreateDeploymentRequest }) body: TCreateDeploymentRequest)
 * For a single argument without the global pipe: `@Query('limit', new SchemaValidationPipe(ZLimit))`.
 */
export class SchemaValidationPipe implements PipeTransform {
  constructor(private readonly schema?: StandardSchema) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const schema = this.schema ?? metadata.schema;
    if (!schema || (metadata.type === 'custom' && !this.schema)) return value;
    const result = await schema['~standard'].validate(value);
    if (result.issues) throw validationErrorFrom(result.issues, WHERE[metadata.type], metadata.data);
    return result.value;
  }
}
