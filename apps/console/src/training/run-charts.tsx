'use client';
/** The curves a PRM run is judged by: loss (train and held-out) and held-out AUROC; the rest on demand. */
import { LineChart } from '@/charts/line-chart';
import type { MetricPoints } from './use-run-metrics';

const LOSS = ['train/loss', 'eval/train_loss', 'train/value_loss', 'train/rank_loss'];
const QUALITY = ['eval/auroc', 'eval/pair_accuracy'];

function pick(series: MetricPoints, names: string[]) {
  return names.filter((n) => series[n]).map((n) => ({ name: n, points: series[n]! }));
}

export function RunCharts({ series }: { series: MetricPoints }) {
  const others = Object.keys(series)
    .filter((n) => !LOSS.includes(n) && !QUALITY.includes(n))
    .sort();
  return (
    <div className="stack-lg">
      <div className="grid-2">
        <div className="card card-tight" data-testid="loss-chart">
          <LineChart title="Loss" series={pick(series, LOSS)} xLabel="step" yLabel="loss" />
        </div>
        <div className="card card-tight" data-testid="auroc-chart">
          <LineChart title="Held-out AUROC and pair accuracy" series={pick(series, QUALITY)} xLabel="step" yDomain={[0, 1]} />
        </div>
      </div>
      {others.length > 0 && (
        <details className="card">
          <summary>Other series ({others.length})</summary>
          <div className="grid-3" style={{ marginTop: 10 }}>
            {others.map((n) => (
              <LineChart key={n} title={n} series={[{ name: n, points: series[n]! }]} height={180} xLabel="step" />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}
