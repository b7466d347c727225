/**
 * A training run's metric series (`training_metrics`: one value per name and step). Written as the
 * trainer reports them; a resumed run that reaches a step again writes the same values (exact
 * resume), so existing points are kept rather than duplicated.
 */
import type { PrismaClient } from '../client';

/** Stores the finite numbers of `values` at `step` (nulls and NaNs are skipped). Returns the count written. */
export async function recordMetricPoints(prisma: PrismaClient, runId: string, step: number, values: Record<string, number | null | undefined>): Promise<number> {
  const data = Object.entries(values)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
    .map(([name, value]) => ({ runId, name, step, value }));
  if (data.length === 0) return 0;
  const { count } = await prisma.metricPoint.createMany({ data, skipDuplicates: true });
  return count;
}
