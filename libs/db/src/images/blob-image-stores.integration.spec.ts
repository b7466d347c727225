import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../client';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { DiskImageStore, PostgresImageStore } from './blob-image-stores';
import { ImageRejectedError } from './image-store';

const png = (n: number) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n, n, n]);

describe('image stores', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let root: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    root = await mkdtemp(join(tmpdir(), 'prmbas-images-'));
    await chmod(root, 0o700);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('Postgres: stores bytes once per content, reads them back, enforces the limits', async () => {
    const store = new PostgresImageStore(prisma, { maxBytes: 64, allowedTypes: ['image/png'] });
    const ref = await store.put({ mime: 'image/png', data: png(1) });
    expect(ref).toMatchObject({ mime: 'image/png', byteSize: 11, storage: 'postgres' });
    expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [again, concurrent] = await Promise.all([store.put({ mime: 'image/png', data: png(1) }), store.put({ mime: 'image/png', data: png(1) })]);
    expect(again.id).toBe(ref.id);
    expect(concurrent.id).toBe(ref.id);
    expect(await prisma.blob.count({ where: { sha256: ref.sha256 } })).toBe(1);

    const read = await store.get(ref.id);
    expect(read?.data).toEqual(png(1));
    expect(await store.get('01900000-0000-7000-8000-000000000000')).toBeNull();

    await expect(store.put({ mime: 'image/png', data: new Uint8Array(65).fill(0x89) })).rejects.toBeInstanceOf(ImageRejectedError);
    await expect(store.put({ mime: 'image/jpeg', data: png(2) })).rejects.toMatchObject({ reason: 'type-not-allowed' });
  });

  it('disk: writes the file under the root, keeps only the key in Postgres, detects corruption', async () => {
    const store = new DiskImageStore(prisma, root);
    const ref = await store.put({ mime: 'image/png', data: png(3) });
    expect(ref.storage).toBe('disk');
    const row = await prisma.blob.findUniqueOrThrow({ where: { id: ref.id } });
    expect(row.data).toBeNull();
    expect(row.storageKey).toBe(`${ref.sha256.slice(0, 2)}/${ref.sha256}`);
    expect(new Uint8Array(await readFile(join(root, row.storageKey!)))).toEqual(png(3));
    expect((await store.get(ref.id))?.data).toEqual(png(3));
    expect((await store.put({ mime: 'image/png', data: png(3) })).id).toBe(ref.id);

    // It also reads images stored in Postgres; the Postgres store says where a disk image is.
    const inPostgres = await new PostgresImageStore(prisma).put({ mime: 'image/png', data: png(4) });
    expect((await store.get(inPostgres.id))?.data).toEqual(png(4));
    await expect(new PostgresImageStore(prisma).get(ref.id)).rejects.toThrow(/stored on disk/);

    await writeFile(join(root, row.storageKey!), png(5));
    await expect(store.get(ref.id)).rejects.toThrow(/does not match its sha256/);
  });
});
