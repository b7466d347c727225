import type { TEvalPoint } from '@prmbas/contracts';
import { formatDuration, formatNumber, formatPercent } from '@/lib/format';

export function PointsTable({ points }: { points: TEvalPoint[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="evaluation-table">
        <thead>
          <tr>
            <th>series</th>
            <th>strategy</th>
            <th className="num">budget</th>
            <th className="num">accuracy</th>
            <th className="num">95% CI</th>
            <th className="num">correct</th>
            <th className="num">gen. steps/q</th>
            <th className="num">policy calls/q</th>
            <th className="num">PRM-scored/q</th>
            <th className="num">MC rollouts/q</th>
            <th className="num">errors</th>
            <th className="num">wall</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.name}>
              <td>{p.series}</td>
              <td className="small">{p.strategy}</td>
              <td className="num">{p.budget ?? '–'}</td>
              <td className="num">
                <strong>{formatPercent(p.accuracy)}</strong>
              </td>
              <td className="num small">
                {formatPercent(p.ci95[0], 0)}–{formatPercent(p.ci95[1], 0)}
              </td>
              <td className="num">
                {p.correct}/{p.total}
              </td>
              <td className="num">{formatNumber(p.mean.generatedSteps, 1)}</td>
              <td className="num">{formatNumber(p.mean.policyCalls, 1)}</td>
              <td className="num">{formatNumber(p.mean.prmScoredSteps, 1)}</td>
              <td className="num">{formatNumber(p.mean.scorerPolicyCalls, 1)}</td>
              <td className="num">{p.errors}</td>
              <td className="num">{formatDuration(p.wallMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
