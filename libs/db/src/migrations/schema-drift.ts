/**
 * Does a live database match schema.prisma? The wasm schema engine introspects the database and
 * diffs it against the schema: the SQL it would take to make them match, or null when they do.
 * (`_prisma_migrations`, and what Prisma does not model (CHECK constraints, functions, triggers),
 * are outside the comparison.)
 */
import { readFile } from 'node:fs/promises';
import { schemaPath as defaultSchemaPath } from '../paths';
import { databaseTarget, schemaTarget, withSchemaEngine } from '../schema-engine/schema-engine';

export async function schemaDrift(databaseUrl: string, options: { schemaPath?: string } = {}): Promise<string | null> {
  const path = options.schemaPath ?? defaultSchemaPath();
  const schema = { path, content: await readFile(path, 'utf8') };
  return withSchemaEngine(databaseUrl, schema, (engine) => engine.diff(databaseTarget(schema), schemaTarget(schema)));
}
