/**
 * Small builders for tests against a real database: the rows the interesting ones depend on.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client';
import type { ModelVersion, User } from '../generated/prisma/client';

export async function createUser(db: Db, overrides: Partial<Pick<User, 'email' | 'role' | 'name'>> = {}): Promise<User> {
  return db.user.create({ data: { email: `user-${randomBytes(4).toString('hex')}@example.com`, role: 'researcher', ...overrides } });
}

/** A model version with a (random) artifact stored in Postgres. */
export async function createModelVersion(db: Db, name = 'prm'): Promise<ModelVersion> {
  const bytes = randomBytes(32);
  const blob = await db.blob.create({
    data: { sha256: createHash('sha256').update(bytes).digest('hex'), byteSize: bytes.length, contentType: 'application/octet-stream', storage: 'postgres', data: bytes },
  });
  return db.modelVersion.create({ data: { name, format: 'prmbas-prm/1', artifactBlobId: blob.id, metrics: { pairAccuracy: 0.8 } } });
}
