import type { TTrace } from '@prmbas/contracts';
import { ValueChip, valueColor } from '@/ui/value-chip';

/** The chosen solution, step by step, with the PRM score each step got in the search. */
export function TraceSolution({ trace }: { trace: TTrace }) {
  const byId = new Map(trace.tree.map((n) => [n.id, n]));
  const path: TTrace['tree'] = [];
  let current = trace.answerNode === null ? undefined : byId.get(trace.answerNode);
  while (current) {
    path.unshift(current);
    current = current.parent === null ? undefined : byId.get(current.parent);
  }
  if (path.length === 0) {
    return (
      <ol className="step-list">
        {trace.solution.map((text, i) => (
          <li key={i}>
            <span className="pos">{i + 1}</span>
            <span className="break">{text}</span>
            <ValueChip value={null} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <ol className="step-list" data-testid="trace-solution">
      {path.map((n) => (
        <li key={n.id} style={{ borderLeftColor: n.score === null ? 'var(--line)' : valueColor(n.score) }}>
          <span className="pos">{n.depth + 1}</span>
          <span className="break">{n.text}</span>
          <ValueChip value={n.score} title="PRM score" />
        </li>
      ))}
    </ol>
  );
}
