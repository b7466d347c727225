/**
 * Import and export of a version's records. Both are REST (files do not fit tRPC's JSON):
 *
 *   POST /datasets/:datasetId/versions/import   multipart/form-data
 *     file     the JSONL (one part): our `SolutionRecord` lines, or TRL stepwise-supervision rows
 *     images   any number of image parts; a record's relative image path (e.g. `images/q1.png`)
 *              names one by its filename (or the path's last segment)
 *     format   `prmbas` (default) | `trl`;  parentVersionId, idPrefix (TRL question ids): optional
 *   Records may also carry images inline as data URLs, or as `blob:<sha256>` of an image this
 *   platform already stores (what `images=ref` exports). → 201 with the new (ready) version.
 *
 *   GET /datasets/versions/:versionId/export?format=prmbas|trl&images=data-url|ref&threshold&includeSiblings
 *     → a streamed `application/x-ndjson` attachment.
 */
import { z } from 'zod';
import { ZId } from '../common/schemas';
import { ZDatasetVersion } from './dataset.schemas';

export const DATASET_FILE_FORMATS = ['prmbas', 'trl'] as const;
export const ZDatasetFileFormat = z.enum(DATASET_FILE_FORMATS, { error: 'must be prmbas (our JSONL) or trl (TRL stepwise supervision)' });
export type TDatasetFileFormat = z.infer<typeof ZDatasetFileFormat>;

/** The text fields of the import form (multipart fields are strings). */
export const ZImportDatasetVersionFields = z.strictObject({
  format: ZDatasetFileFormat.default('prmbas'),
  parentVersionId: ZId.optional(),
  /** Question ids of TRL rows are `<idPrefix>-<row>` (default `trl`). */
  idPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'must be 1-64 letters, digits, ".", "_" or "-"' })
    .optional(),
});
export type TImportDatasetVersionFields = z.infer<typeof ZImportDatasetVersionFields>;
export const ZImportDatasetVersionResponse = ZDatasetVersion;

const booleanString = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const ZExportDatasetVersionQuery = z.strictObject({
  format: ZDatasetFileFormat.default('prmbas'),
  /** `data-url`: images inline (a self-contained file); `ref`: `blob:<sha256>` (compact; imports back here). */
  images: z.enum(['data-url', 'ref'], { error: 'must be data-url or ref' }).default('data-url'),
  /** TRL labels: value > threshold (default 0, Math-Shepherd's hard estimate). */
  threshold: z.coerce.number({ error: 'must be a number' }).min(0).max(1).default(0),
  /** TRL: one extra row per sibling (its prefix then the sibling). */
  includeSiblings: booleanString.default(false),
});
export type TExportDatasetVersionQuery = z.infer<typeof ZExportDatasetVersionQuery>;
