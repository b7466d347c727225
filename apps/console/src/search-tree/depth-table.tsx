import { formatNumber } from '@/lib/format';
import { DataTable, num } from '@/ui/data-table';
import type { TreeView } from './tree-model';

const COLUMNS = ['depth', 'beam width', 'candidates', 'kept', 'pruned', 'best score', 'worst score'].map(num);

/** Per depth: beams expanded (the annealing schedule), candidates, kept vs pruned, score spread. */
export function DepthTable({ tree }: { tree: TreeView }) {
  const depths = [...tree.depths.values()].sort((a, b) => a.depth - b.depth);
  if (depths.length === 0) return null;
  return (
    <DataTable columns={COLUMNS} className="depth-table" testId="depth-table">
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
    </DataTable>
  );
}
