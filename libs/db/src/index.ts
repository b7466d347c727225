// @prmbas/db: the Prisma client (server-only), the schema's types, migrations that run offline,
// an embedded Postgres for zero-setup runs and tests, and the first repository helpers.

// Client and the generated types (models, enums, the Prisma namespace).
export { createPrismaClient } from './client';
export type { CreatePrismaClientOptions, Db } from './client';
export * from './generated/prisma/client';
export { backendFromName, backendName } from './backend';
export type { BackendName } from './backend';

// Audit log and repositories.
export { auditedMutation, SYSTEM_ACTOR, toAuditJson, writeAuditLog } from './audit/audit-log';
export type { AuditActor, AuditContext, AuditEntry } from './audit/audit-log';
export { AliasConflictError, ModelVersionNotFoundError, moveAlias } from './models/model-alias';
export type { MoveAliasInput, MoveAliasResult } from './models/model-alias';
export { DEFAULT_IMAGE_LIMITS, ImageRejectedError, sniffImageType, validateImage } from './images/image-store';
export type { ImageInput, ImageLimits, ImageRef, ImageRejection, ImageStore, StoredImage } from './images/image-store';
export { DiskImageStore, PostgresImageStore } from './images/blob-image-stores';

// Migrations (offline: no Prisma engine binary needed).
export { applyMigrations, PRISMA_MIGRATE_LOCK_KEY } from './migrations/apply-migrations';
export type { ApplyMigrationsOptions, ApplyMigrationsResult } from './migrations/apply-migrations';
export {
  MigrationApplyError,
  MigrationChecksumMismatchError,
  MigrationError,
  MigrationFailedStateError,
  MigrationLockTimeoutError,
} from './migrations/migration-errors';
export { checksumMatches, migrationChecksum, readMigrations } from './migrations/migration-files';
export type { MigrationFolder } from './migrations/migration-files';
export { createMigration } from './migrations/create-migration';
export type { CreatedMigration, CreateMigrationOptions } from './migrations/create-migration';
export { schemaDrift } from './migrations/schema-drift';
export { migrationsDir, prismaDir, schemaPath } from './paths';

// Embedded Postgres and test databases.
export { startDatabase } from './embedded/start-database';
export type { RunningDatabase, StartDatabaseOptions } from './embedded/start-database';
export { folderBlockingPostgres, startEmbeddedServer } from './embedded/embedded-server';
export type { EmbeddedServer, EmbeddedServerOptions } from './embedded/embedded-server';
export { createTestDatabase, TEST_SERVER_ENV, testServerUrl } from './testing/create-test-database';
export type { CreateTestDatabaseOptions, TestDatabase } from './testing/create-test-database';

// Jobs on pg-boss (queues by capability, our `jobs` rows, leases, the dead-worker reaper) and workers.
export * from './jobs';
// Datasets in Postgres: the builder's DatasetStore, and versions read back as records or questions.
export * from './datasets';
// Training: checkpoints and metric series of runs, trained model versions.
export * from './training';
