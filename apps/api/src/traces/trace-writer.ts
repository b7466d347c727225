/**
 * The write of a served request's trace: one SQL statement (the image blobs, the trace row and its
 * image rows; atomic) on a small pool of its own whose sessions do not wait for the WAL flush
 * (`synchronous_commit = off`).
 *
 * Why not Prisma's typed calls on the main client: a trace written that way costs 6 round trips
 * (BEGIN, blob, trace, images, COMMIT, plus a disk sync at COMMIT, 5-20 ms on the embedded
 * default), and the answer waits for them; this costs one round trip and no sync. The trade:
 * a crash of Postgres itself (not of the API) can lose the traces committed in its last few
 * hundred milliseconds (`wal_writer_delay`); an answered request's trace is otherwise committed,
 * and visible to every reader, before the answer is sent. Other writes of the platform keep
 * synchronous commits (this setting lives only on this pool's sessions).
 *
 * The SQL names the columns of `traces`, `trace_images` and `blobs`: the serving integration tests
 * fail if a migration changes them without this file.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { createPrismaClient, Prisma, validateImage, type ImageInput, type ImageLimits, type PrismaClient, type RunningDatabase } from '@prmbas/db';
import { RUNNING_DATABASE } from '../database/prisma.token';
import { uuidV7 } from '../database/uuid-v7';

/** Connections of the trace writer's pool (each write is one short statement). */
const WRITER_POOL_SIZE = 4;

export const TRACE_WRITER_DB = Symbol('TRACE_WRITER_DB');

export const traceWriterDbProvider: Provider = {
  provide: TRACE_WRITER_DB,
  inject: [RUNNING_DATABASE],
  useFactory: (db: RunningDatabase): PrismaClient => createPrismaClient(db.url, { pool: { max: WRITER_POOL_SIZE, options: '-c synchronous_commit=off' } }),
};

/** The columns of one `traces` row. */
export interface TraceInsert {
  id: string;
  deploymentId: string;
  requestId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  prmModelVersionId: string | null;
  status: 'succeeded' | 'failed';
  error: string | null;
  questionText: string;
  params: unknown;
  strategy: string;
  tree: unknown;
  solution: string[];
  answer: string | null;
  answerNode: number | null;
  beamWidths: number[];
  cost: unknown;
  generatedSteps: number | null;
  tokens: number | null;
  latencyMs: number;
  goldAnswer: string | null;
  correct: boolean | null;
}

export type TraceImageInput = ImageInput & { source?: string | null };

const jsonb = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

@Injectable()
export class TraceWriter implements OnModuleDestroy {
  constructor(@Inject(TRACE_WRITER_DB) private readonly db: PrismaClient) {}

  async onModuleDestroy(): Promise<void> {
    await this.db.$disconnect();
  }

  async insert(row: TraceInsert, images: readonly TraceImageInput[], limits: ImageLimits): Promise<void> {
    const traceValues = Prisma.sql`(
      ${row.id}::uuid, ${row.deploymentId}::uuid, ${row.requestId}::text, ${row.apiKeyId}::uuid, ${row.userId}::uuid,
      ${row.prmModelVersionId}::uuid, ${row.status}::trace_status, ${row.error}::text, ${row.questionText}::text,
      ${jsonb(row.params)}::jsonb, ${row.strategy}::text, ${jsonb(row.tree) ?? '[]'}::jsonb, ${row.solution}::text[],
      ${row.answer}::text, ${row.answerNode}::int, ${row.beamWidths}::int[], ${jsonb(row.cost)}::jsonb,
      ${row.generatedSteps}::int, ${row.tokens}::int, ${row.latencyMs}::int, ${row.goldAnswer}::text, ${row.correct}::boolean
    )`;
    const insertTrace = Prisma.sql`INSERT INTO traces (
      id, deployment_id, request_id, api_key_id, user_id, prm_model_version_id, status, error, question_text,
      params, strategy, tree, solution, answer, answer_node, beam_widths, cost, generated_steps, tokens,
      latency_ms, gold_answer, correct
    ) VALUES ${traceValues}`;
    if (images.length === 0) {
      await this.db.$executeRaw(insertTrace);
      return;
    }
    const positions = images.map((image, position) => {
      const mime = validateImage(image, limits);
      return { position, mime, data: image.data, sha256: createHash('sha256').update(image.data).digest('hex'), source: image.source ?? null };
    });
    // One row per distinct image: ON CONFLICT may not touch a row twice in a statement.
    const blobs = [...new Map(positions.map((p) => [p.sha256, p])).values()];
    const blobValues = Prisma.join(
      blobs.map((b) => Prisma.sql`(${uuidV7()}::uuid, ${b.sha256}::text, ${b.data.byteLength}::int, ${b.mime}::text, 'postgres'::blob_storage, ${Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength)}::bytea)`),
    );
    const imageValues = Prisma.join(positions.map((p) => Prisma.sql`(${p.position}::int, ${p.sha256}::text, ${p.source}::text)`));
    // DO UPDATE (a no-op) rather than DO NOTHING: RETURNING then yields the id of a blob stored
    // before, or by a concurrent request that committed first, as well as of a new one.
    const written = await this.db.$executeRaw`
      WITH stored AS (
        INSERT INTO blobs (id, sha256, byte_size, content_type, storage, data) VALUES ${blobValues}
        ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
        RETURNING id, sha256
      ), new_trace AS (
        ${insertTrace} RETURNING id
      )
      INSERT INTO trace_images (trace_id, position, blob_id, source)
      SELECT new_trace.id, p.position, stored.id, p.source
      FROM new_trace, (VALUES ${imageValues}) AS p(position, sha256, source)
      JOIN stored ON stored.sha256 = p.sha256`;
    if (written !== positions.length) throw new Error(`trace ${row.id}: stored ${written} of ${positions.length} image rows`);
  }
}
