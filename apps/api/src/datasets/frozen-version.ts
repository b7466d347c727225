/**
 * Frozen dataset versions are immutable, enforced twice: the services check the status and answer
 * 422 before writing, and the database triggers (SQLSTATE PB001, "dataset version … is frozen")
 * refuse whatever slips through (a version frozen between the check and the write). This maps the
 * trigger's error to the same 422.
 */
import { AppError } from '../errors/app-error';

const FROZEN_MESSAGE = /dataset version ([0-9a-f-]{36}) is frozen/;

/** The id of the frozen version a database error names, or null for any other error. */
export function frozenVersionIn(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const match = FROZEN_MESSAGE.exec(e.message);
    if (match) return match[1]!;
  }
  return null;
}

export function frozenVersionError(versionId: string, param?: string): AppError {
  return AppError.unprocessable(`dataset version '${versionId}' is frozen: it and its records cannot change (create a new version instead)`, {
    code: 'dataset_version_frozen',
    ...(param ? { param } : {}),
  });
}

/** Runs `write`, turning the freeze trigger's refusal into the 422 a check would have given. */
export async function refusingFrozen<T>(write: () => Promise<T>, param?: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const frozen = frozenVersionIn(error);
    if (frozen) throw frozenVersionError(frozen, param);
    throw error;
  }
}
