import { ValueChip } from '@/ui/value-chip';
import type { TreeView } from './tree-model';
import { pathTo } from './tree-model';

/** The selected node and the steps leading to it. */
export function NodeDetail({ tree, id }: { tree: TreeView; id: number | null }) {
  const node = id === null ? undefined : tree.nodes.get(id);
  if (!node) return <p className="small muted">Click a node to read its step and the path to it.</p>;
  const path = [...pathTo(tree, node.id)].map((n) => tree.nodes.get(n)!).sort((a, b) => a.depth - b.depth);
  return (
    <div className="stack">
      <div className="row small">
        <strong>node #{node.id}</strong>
        <span className="badge">{node.state}</span>
        <span className="muted">depth {node.depth}</span>
        {node.answer !== undefined && <span className="badge info">answer {node.answer}</span>}
      </div>
      <ol className="step-list">
        {path.map((n) => (
          <li key={n.id} style={{ borderLeftColor: n.id === node.id ? 'var(--accent)' : 'var(--line)' }}>
            <span className="pos">{n.depth + 1}</span>
            <span className="break">{n.text}</span>
            <ValueChip value={n.score} title="PRM score" />
          </li>
        ))}
      </ol>
    </div>
  );
}
