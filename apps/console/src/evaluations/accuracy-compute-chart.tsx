'use client';
/**
 * Accuracy against compute per question, one line per strategy through its budgets, with Wilson
 * 95% intervals: the figure of the PRM-BAS paper. The compute axis is selectable (steps the
 * policy generated, policy calls, steps the PRM scored) and logarithmic, as budgets double.
 */
import type { TEvalPoint } from '@prmbas/contracts';
import { useState } from 'react';
import { LineChart } from '@/charts/line-chart';
import { PALETTE } from '@/charts/scales';

const AXES = {
  generatedSteps: 'generated steps / question',
  policyCalls: 'policy calls / question',
  prmScoredSteps: 'PRM-scored steps / question',
} as const;
type Axis = keyof typeof AXES;

export function AccuracyComputeChart({ points }: { points: TEvalPoint[] }) {
  const [axis, setAxis] = useState<Axis>('generatedSteps');
  const series = [...new Set(points.map((p) => p.series))];
  return (
    <div className="stack">
      <div className="row small">
        <span className="muted">compute axis</span>
        {(Object.keys(AXES) as Axis[]).map((a) => (
          <label key={a} className="check">
            <input type="radio" name="compute-axis" checked={axis === a} onChange={() => setAxis(a)} /> {AXES[a]}
          </label>
        ))}
      </div>
      <LineChart
        title="Accuracy vs compute"
        xLog
        xLabel={`${AXES[axis]} (log)`}
        yLabel="accuracy"
        yDomain={[0, 1]}
        height={320}
        series={series.map((name, i) => ({
          name,
          color: PALETTE[i % PALETTE.length],
          markers: true,
          dashed: name.includes('greedy'),
          points: points
            .filter((p) => p.series === name)
            .map((p) => ({ x: Math.max(p.mean[axis], 0.1), y: p.accuracy, lo: p.ci95[0], hi: p.ci95[1] })),
        }))}
      />
    </div>
  );
}
