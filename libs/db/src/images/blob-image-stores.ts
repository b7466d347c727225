/**
 * The two `ImageStore`s over the `blobs` table: bytes in Postgres (`bytea`), or files on disk under
 * a root folder (`<root>/<sha[0:2]>/<sha>`, written atomically) with the row holding the key.
 * Either store reads an image the other wrote when it can: the disk store reads Postgres bytes;
 * the Postgres store cannot know a disk root and says so.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PrismaClient } from '../client';
import { BlobStorage, type Blob } from '../generated/prisma/client';
import { DEFAULT_IMAGE_LIMITS, validateImage, type ImageInput, type ImageLimits, type ImageRef, type ImageStore, type StoredImage } from './image-store';

const REF_FIELDS = { id: true, sha256: true, contentType: true, byteSize: true, storage: true } as const;
type RefRow = Pick<Blob, 'id' | 'sha256' | 'contentType' | 'byteSize' | 'storage'>;

const toRef = (row: RefRow): ImageRef => ({ id: row.id, sha256: row.sha256, mime: row.contentType, byteSize: row.byteSize, storage: row.storage });
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export class PostgresImageStore implements ImageStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  ) {}

  async put(image: ImageInput): Promise<ImageRef> {
    const mime = validateImage(image, this.limits);
    const digest = sha256(image.data);
    const row = await this.prisma.blob.upsert({
      where: { sha256: digest },
      create: { sha256: digest, byteSize: image.data.byteLength, contentType: mime, storage: BlobStorage.postgres, data: Uint8Array.from(image.data) },
      update: {},
      select: REF_FIELDS,
    });
    return toRef(row);
  }

  async get(id: string): Promise<StoredImage | null> {
    const row = await this.prisma.blob.findUnique({ where: { id }, select: { ...REF_FIELDS, data: true } });
    if (!row) return null;
    if (row.data === null) throw new Error(`image ${id} is stored on disk (${row.storage}); read it with a DiskImageStore`);
    return { ...toRef(row), data: new Uint8Array(row.data) };
  }
}

export class DiskImageStore implements ImageStore {
  readonly root: string;

  constructor(
    private readonly prisma: PrismaClient,
    root: string,
    private readonly limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  ) {
    this.root = resolve(root);
  }

  async put(image: ImageInput): Promise<ImageRef> {
    const mime = validateImage(image, this.limits);
    const digest = sha256(image.data);
    const existing = await this.prisma.blob.findUnique({ where: { sha256: digest }, select: REF_FIELDS });
    if (existing) return toRef(existing);
    const key = `${digest.slice(0, 2)}/${digest}`;
    const file = this.pathOf(key);
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, image.data);
    await rename(partial, file); // same bytes under the same name: a concurrent writer is harmless
    try {
      const row = await this.prisma.blob.upsert({
        where: { sha256: digest },
        create: { sha256: digest, byteSize: image.data.byteLength, contentType: mime, storage: BlobStorage.disk, storageKey: key },
        update: {},
        select: REF_FIELDS,
      });
      return toRef(row);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  async get(id: string): Promise<StoredImage | null> {
    const row = await this.prisma.blob.findUnique({ where: { id }, select: { ...REF_FIELDS, data: true, storageKey: true } });
    if (!row) return null;
    if (row.data !== null) return { ...toRef(row), data: new Uint8Array(row.data) };
    const data = new Uint8Array(await readFile(this.pathOf(row.storageKey!)));
    if (sha256(data) !== row.sha256) throw new Error(`image ${id}: ${this.pathOf(row.storageKey!)} does not match its sha256 (corrupted or replaced)`);
    return { ...toRef(row), data };
  }

  private pathOf(key: string): string {
    const file = resolve(this.root, key);
    if (!file.startsWith(this.root + '/')) throw new Error(`storage key '${key}' escapes ${this.root}`);
    return join(file);
  }
}
