import type { TEvalPoint } from '@prmbas/contracts';
import { formatDuration, formatNumber, formatPercent } from '@/lib/format';
import { DataTable, num } from '@/ui/data-table';

const COLUMNS = ['series', 'strategy', ...['budget', 'accuracy', '95% CI', 'correct', 'gen. steps/q', 'policy calls/q', 'PRM-scored/q', 'MC rollouts/q', 'errors', 'wall'].map(num)];

export function PointsTable({ points }: { points: TEvalPoint[] }) {
  return (
    <DataTable columns={COLUMNS} testId="evaluation-table">
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
    </DataTable>
  );
}
