/**
 * Loading benchmark files from disk: JSONL (one record per line), a JSON array, or MathVista's
 * testmini-style object keyed by pid. Records map to `Question`s through benchmark-record.ts;
 * this file only reads files and resolves image references.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { ProblemImage } from '@prmbas/search';
import { BenchmarkFormatError, decodeInlineImage, imageRefs, recordToQuestion, sniffImageMime } from './benchmark-record';
import type { Question } from './question';

export interface LoadBenchmarkOptions {
  /** `meta.family` for records whose metadata names none; default the file name without extension. */
  family?: string;
  /** Load at most this many records (in file order). */
  limit?: number;
  /** 'jsonl' | 'json'; default by extension (.jsonl/.ndjson vs .json), else sniffed. */
  format?: 'jsonl' | 'json';
}

interface RawEntry {
  raw: unknown;
  where: string;
  pidFallback: string;
}

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp',
};

function jsonlEntries(text: string, name: string, stem: string): RawEntry[] {
  const out: RawEntry[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new BenchmarkFormatError(where, null, `invalid JSON (${(error as Error).message})`);
    }
    out.push({ raw, where, pidFallback: `${stem}-${i + 1}` });
  });
  return out;
}

function recordPid(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const pid = r.pid ?? r.id;
  return typeof pid === 'string' || typeof pid === 'number' ? String(pid) : null;
}

function jsonEntries(text: string, name: string, stem: string): RawEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BenchmarkFormatError(name, null, `invalid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(data)) {
    return data.map((raw, i) => {
      const pid = recordPid(raw);
      return { raw, where: `${name}: record ${i}${pid !== null ? ` (pid ${JSON.stringify(pid)})` : ''}`, pidFallback: `${stem}-${i}` };
    });
  }
  if (data && typeof data === 'object') {
    // MathVista testmini.json: { "1": { "pid": "1", ... }, "2": ... }
    return Object.entries(data as Record<string, unknown>).map(([key, raw]) => ({ raw, where: `${name}: record ${JSON.stringify(key)}`, pidFallback: key }));
  }
  throw new BenchmarkFormatError(name, null, 'expected a JSON array of records or an object keyed by pid');
}

async function resolveImage(ref: string, baseDir: string, where: string): Promise<ProblemImage> {
  const inline = decodeInlineImage(ref, where);
  if (inline) return inline;
  const path = resolve(baseDir, ref);
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BenchmarkFormatError(where, 'image', code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? (error as Error).message})`);
  }
  return { mime: sniffImageMime(data) ?? MIME_BY_EXT[extname(path).toLowerCase()] ?? 'application/octet-stream', data, source: path };
}

/** For unknown extensions: one JSON document that is a list or a pid-keyed object is JSON, else JSONL. */
function sniffFormat(text: string): 'json' | 'jsonl' {
  try {
    const data: unknown = JSON.parse(text);
    if (Array.isArray(data)) return 'json';
    if (data && typeof data === 'object' && !('question' in data) && !('query' in data)) return 'json';
    return 'jsonl';
  } catch {
    return 'jsonl';
  }
}

/** Parse a benchmark file's text into raw entries with their error locations. */
export function benchmarkEntries(text: string, fileName: string, format?: 'jsonl' | 'json'): RawEntry[] {
  const ext = extname(fileName).toLowerCase();
  const stem = basename(fileName, ext);
  const fmt = format ?? (ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.json' ? 'json' : sniffFormat(text));
  return fmt === 'jsonl' ? jsonlEntries(text, fileName, stem) : jsonEntries(text, fileName, stem);
}

/** Load every question of a benchmark file; throws `BenchmarkFormatError` naming record and field. */
export async function loadBenchmark(file: string, options: LoadBenchmarkOptions = {}): Promise<Question[]> {
  const text = await readFile(file, 'utf8');
  const name = basename(file);
  const stem = basename(file, extname(file));
  let entries = benchmarkEntries(text, name, options.format);
  if (options.limit !== undefined) entries = entries.slice(0, options.limit);
  const baseDir = dirname(resolve(file));
  const seen = new Map<string, string>();
  const questions: Question[] = [];
  for (const entry of entries) {
    const refs = entry.raw && typeof entry.raw === 'object' && !Array.isArray(entry.raw) ? imageRefs(entry.raw as Record<string, unknown>, entry.where) : [];
    const images: ProblemImage[] = [];
    for (const ref of refs) images.push(await resolveImage(ref, baseDir, entry.where));
    const question = recordToQuestion(entry.raw, { where: entry.where, images, pidFallback: entry.pidFallback, family: options.family ?? stem });
    const earlier = seen.get(question.id);
    if (earlier) throw new BenchmarkFormatError(entry.where, 'pid', `(${JSON.stringify(question.id)}) repeats the pid of ${earlier}`);
    seen.set(question.id, entry.where);
    questions.push(question);
  }
  return questions;
}
