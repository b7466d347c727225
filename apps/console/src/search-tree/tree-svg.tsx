'use client';
/**
 * The search tree in SVG: one row per depth, children under their parents' order; colour = PRM
 * score, ring = kept for the next depth, faded = pruned, square = finished answer candidate, the
 * chosen solution's path drawn bold. Click a node to read it.
 */
import type { TreeNodeView, TreeView } from './tree-model';
import { pathTo } from './tree-model';
import { valueColor } from '@/ui/value-chip';

const COL = 26;
const ROW = 58;
const PAD = 24;

/**
 * Tidy layout: leaves take the next free column in depth-first order (children by id), a parent
 * sits above the middle of its children, so each subtree occupies its own band of columns.
 */
function layout(tree: TreeView): Map<number, { x: number; y: number }> {
  const children = new Map<number | null, TreeNodeView[]>();
  for (const n of tree.nodes.values()) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  for (const list of children.values()) list.sort((a, b) => a.id - b.id);
  const pos = new Map<number, { x: number; y: number }>();
  let column = 0;
  const place = (n: TreeNodeView): number => {
    const kids = children.get(n.id) ?? [];
    const x = kids.length === 0 ? column++ : (() => {
      const xs = kids.map(place);
      return (xs[0]! + xs[xs.length - 1]!) / 2;
    })();
    pos.set(n.id, { x: PAD + x * COL, y: PAD + n.depth * ROW });
    return x;
  };
  // Roots: first steps (parent null), and any node whose parent is not in the tree (yet).
  const roots = [...tree.nodes.values()].filter((n) => n.parent === null || !tree.nodes.has(n.parent)).sort((a, b) => a.id - b.id);
  roots.forEach(place);
  return pos;
}

export function TreeSvg({ tree, selected, onSelect, answerNode }: { tree: TreeView; selected: number | null; onSelect: (id: number) => void; answerNode: number | null }) {
  const pos = layout(tree);
  const path = pathTo(tree, answerNode);
  const maxX = Math.max(0, ...[...pos.values()].map((p) => p.x));
  const maxY = Math.max(0, ...[...pos.values()].map((p) => p.y));
  const width = maxX + PAD * 2;
  const height = maxY + PAD * 2;
  return (
    <div className="tree-scroll">
      <svg className="tree-svg" width={Math.max(width, 200)} height={Math.max(height, 80)} role="img" aria-label={`search tree with ${tree.nodes.size} nodes`} data-testid="search-tree">
        <text x={4} y={12} fill="#8a93a0">
          question
        </text>
        {[...tree.nodes.values()].map((n) => {
          const p = pos.get(n.id)!;
          const parent = n.parent === null ? { x: p.x, y: p.y - ROW / 2 } : pos.get(n.parent);
          if (!parent) return null;
          const onPath = path.has(n.id);
          return (
            <line
              key={`e${n.id}`}
              x1={parent.x}
              y1={parent.y}
              x2={p.x}
              y2={p.y}
              stroke={onPath ? '#1b1f24' : n.state === 'pruned' ? '#dde1e6' : '#b8c0cc'}
              strokeWidth={onPath ? 2.5 : 1}
            />
          );
        })}
        {[...tree.nodes.values()].map((n) => {
          const p = pos.get(n.id)!;
          const fill = n.score === null ? '#cfd5dd' : valueColor(n.score);
          const faded = n.state === 'pruned';
          const ring = n.state === 'kept' || n.state === 'expanded' || n.state === 'finished';
          const isSelected = selected === n.id;
          const title = `#${n.id} depth ${n.depth} · ${n.state}${n.score !== null ? ` · score ${n.score.toFixed(3)}` : ''}\n${n.text}`;
          return (
            <g key={n.id} className="node" opacity={faded ? 0.35 : 1} onClick={() => onSelect(n.id)} data-state={n.state}>
              <title>{title}</title>
              {n.terminal ? (
                <rect x={p.x - 8} y={p.y - 8} width={16} height={16} rx={3} fill={fill} stroke={isSelected ? '#3656d6' : ring ? '#1b1f24' : '#fff'} strokeWidth={isSelected ? 3 : ring ? 2 : 1} />
              ) : (
                <circle cx={p.x} cy={p.y} r={8} fill={fill} stroke={isSelected ? '#3656d6' : ring ? '#1b1f24' : '#fff'} strokeWidth={isSelected ? 3 : ring ? 2 : 1} />
              )}
              {answerNode === n.id && (
                <text x={p.x} y={p.y + 22} textAnchor="middle" fill="#1b1f24" fontWeight={700}>
                  answer
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
