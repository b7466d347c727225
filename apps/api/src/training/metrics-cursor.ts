/**
 * The per-series metrics cursor (`{ name: lastStep }`, see contracts' training-metrics.schemas):
 * moving it past delivered points, grouping points into series, and carrying it in an SSE event
 * id (base64url JSON) so `Last-Event-ID` resumes a stream exactly.
 */
import { ZMetricsCursor, type TMetricsCursor } from '@prmbas/contracts';

export interface CursorPoint {
  name: string;
  step: number;
}

/** The cursor after `points` were delivered (points of a series arrive in step order). */
export function advanceCursor(cursor: TMetricsCursor, points: readonly CursorPoint[]): TMetricsCursor {
  const next = { ...cursor };
  for (const p of points) if (next[p.name] === undefined || p.step > next[p.name]!) next[p.name] = p.step;
  return next;
}

/** Drops points the cursor already covers (a hub broadcast can overlap a subscriber's catch-up read). */
export function pointsAfter<P extends CursorPoint>(cursor: TMetricsCursor, points: readonly P[], defaultStep = -1): P[] {
  return points.filter((p) => p.step > (cursor[p.name] ?? defaultStep));
}

/** Points (ordered by step) → series by name, each in step order. */
export function groupSeries<P extends CursorPoint>(points: readonly P[]): { name: string; points: P[] }[] {
  const byName = new Map<string, P[]>();
  for (const p of points) {
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  return [...byName.keys()].sort().map((name) => ({ name, points: byName.get(name)! }));
}

export function encodeCursor(cursor: TMetricsCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** An event id, or the cursor as plain JSON (what `training.metrics` answers); null when neither. */
export function decodeCursor(text: string): TMetricsCursor | null {
  try {
    const json = text.trimStart().startsWith('{') ? text : Buffer.from(text, 'base64url').toString('utf8');
    const parsed = ZMetricsCursor.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
