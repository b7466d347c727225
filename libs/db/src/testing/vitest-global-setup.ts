/**
 * A vitest `globalSetup`: one throwaway embedded Postgres for the whole test run (one initdb instead
 * of one per test file), published to the test processes as $PRMBAS_TEST_DATABASE_URL and stopped
 * (and deleted) at the end. Without it, `createTestDatabase` starts a server per test process.
 * Does nothing when the variable is already set (e.g. a CI Postgres service).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../embedded/embedded-server';
import { TEST_SERVER_ENV } from './create-test-database';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[TEST_SERVER_ENV]) return undefined;
  const server = await startEmbeddedServer({ dataDir: await mkdtemp(join(tmpdir(), 'prmbas-test-pg-')), ephemeral: true });
  process.env[TEST_SERVER_ENV] = server.url();
  return async () => {
    await server.stop();
    delete process.env[TEST_SERVER_ENV];
  };
}
