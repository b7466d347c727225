/**
 * Errors about one line of an uploaded dataset file, in one shape: the message is the library's
 * (`upload.jsonl:12: field "steps[3].value" must be ...`), `param` names the field, and the issue's
 * path is `lines.<line>.<field>` (the file seen as a 1-based array of lines), so a client can show
 * both without parsing the message. Malformed content is 400; content that is well-formed but
 * cannot be stored (conflicting questions, images missing or of the wrong type) is 422; an image
 * over the size limit is 413.
 */
import { DatasetFormatError } from '@prmbas/rollouts';
import { AppError } from '../errors/app-error';
import type { AppErrorKind } from '../errors/error-kinds';

export function lineError(kind: Extract<AppErrorKind, 'validation' | 'unprocessable' | 'payload_too_large'>, file: string, line: number, field: string | null, detail: string): AppError {
  const message = field ? `${file}:${line}: field "${field}" ${detail}` : `${file}:${line}: ${detail}`;
  const issues = [{ path: field ? `lines.${line}.${field}` : `lines.${line}`, message: detail, code: 'invalid_dataset_line' }];
  return new AppError(kind, message, { param: field ?? `lines.${line}`, code: kind === 'validation' ? 'invalid_dataset_line' : kind, issues });
}

/** A `DatasetFormatError` of @prmbas/rollouts (where = `file:line`) as a 400. */
export function fromFormatError(error: DatasetFormatError): AppError {
  const match = /^(.*):(\d+)$/.exec(error.where);
  if (!match) return AppError.validation(error.message, { param: error.field ?? undefined, code: 'invalid_dataset_line' });
  return lineError('validation', match[1]!, Number(match[2]), error.field, error.detail);
}
