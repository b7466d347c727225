/**
 * Several runs' series aligned by step, for one chart per metric (compare runs). Each row is a
 * step some run reported, with every run's value there (null where a run has none). A series
 * longer than `maxPoints` rows is thinned by buckets of consecutive steps: the row takes the
 * bucket's last step and each run's last value inside the bucket, so runs logging at different
 * steps (progressEvery 5 vs 10) still show in every bucket instead of vanishing between picks.
 */
export interface RunPoint {
  runId: string;
  name: string;
  step: number;
  value: number;
}

export interface AlignedSeries {
  name: string;
  rows: { step: number; values: (number | null)[] }[];
}

export function alignRuns(runIds: readonly string[], points: readonly RunPoint[], names: readonly string[], maxPoints: number): AlignedSeries[] {
  const column = new Map(runIds.map((id, i) => [id, i]));
  return names.map((name) => {
    // step → value per run (each run has at most one value per step: the key of the table).
    const byStep = new Map<number, (number | null)[]>();
    for (const p of points) {
      const col = column.get(p.runId);
      if (p.name !== name || col === undefined) continue;
      let row = byStep.get(p.step);
      if (!row) byStep.set(p.step, (row = runIds.map(() => null)));
      row[col] = p.value;
    }
    const steps = [...byStep.keys()].sort((a, b) => a - b);
    if (steps.length <= maxPoints) return { name, rows: steps.map((step) => ({ step, values: byStep.get(step)! })) };
    const rows: AlignedSeries['rows'] = [];
    for (let b = 0; b < maxPoints; b++) {
      const from = Math.floor((b * steps.length) / maxPoints);
      const to = Math.floor(((b + 1) * steps.length) / maxPoints);
      const values: (number | null)[] = runIds.map(() => null);
      for (let i = from; i < to; i++) {
        byStep.get(steps[i]!)!.forEach((v, col) => {
          if (v !== null) values[col] = v;
        });
      }
      rows.push({ step: steps[to - 1]!, values });
    }
    return { name, rows };
  });
}
