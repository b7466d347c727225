import { formatNumber } from '@/lib/format';
import type { TreeView } from './tree-model';

/** Per depth: beams expanded (the annealing schedule), candidates, kept vs pruned, score spread. */
export function DepthTable({ tree }: { tree: TreeView }) {
  const depths = [...tree.depths.values()].sort((a, b) => a.depth - b.depth);
  if (depths.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="depth-table" data-testid="depth-table">
        <thead>
          <tr>
            <th className="num">depth</th>
            <th className="num">beam width</th>
            <th className="num">candidates</th>
            <th className="num">kept</th>
            <th className="num">pruned</th>
            <th className="num">best score</th>
            <th className="num">worst score</th>
          </tr>
        </thead>
        <tbody>
          {depths.map((d) => (
            <tr key={d.depth}>
              <td className="num">{d.depth}</td>
              <td className="num">
                <strong>{d.width ?? '–'}</strong>
              </td>
              <td className="num">{d.generated}</td>
              <td className="num">{d.kept}</td>
              <td className="num">{d.pruned}</td>
              <td className="num">{d.scores.length ? formatNumber(Math.max(...d.scores)) : '–'}</td>
              <td className="num">{d.scores.length ? formatNumber(Math.min(...d.scores)) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
