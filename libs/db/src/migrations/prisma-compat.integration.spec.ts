/**
 * Our runner and Prisma Migrate agree on `_prisma_migrations`: checked with the schema engine
 * itself (the wasm build of the code behind `prisma migrate deploy`), in both directions.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir, schemaPath } from '../paths';
import { migrationList, withSchemaEngine } from '../schema-engine/schema-engine';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { applyMigrations } from './apply-migrations';
import { readMigrations } from './migration-files';

const NO_FILTER = { externalTables: [], externalEnums: [] };

describe('compatibility with Prisma Migrate', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });
  const emptyDatabase = async () => {
    const db = await createTestDatabase({ migrate: false });
    databases.push(db);
    return db;
  };
  const schema = async () => ({ path: schemaPath(), content: await readFile(schemaPath(), 'utf8') });

  it('Prisma sees what applyMigrations applied as applied, unedited and not failed', async () => {
    const db = await emptyDatabase();
    await applyMigrations(db.url);
    await withSchemaEngine(db.url, await schema(), async ({ engine }) => {
      const list = await migrationList(migrationsDir());
      const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTER });
      expect(diagnosis).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [], hasMigrationsTable: true });
      // What `prisma migrate deploy` would do now: nothing.
      expect(await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER })).toEqual({ appliedMigrationNames: [] });
    });
  });

  it('applyMigrations sees what Prisma applied as applied', async () => {
    const db = await emptyDatabase();
    const names = (await readMigrations(migrationsDir())).map((m) => m.name);
    await withSchemaEngine(db.url, await schema(), async ({ engine }) => {
      const applied = await engine.applyMigrations({ migrationsList: await migrationList(migrationsDir()), filters: NO_FILTER });
      expect(applied.appliedMigrationNames).toEqual(names);
    });
    expect(await applyMigrations(db.url)).toMatchObject({ applied: [], alreadyApplied: names });
  });
});
