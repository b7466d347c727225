'use client';
/**
 * Review of a served trace: each step of the chosen solution with the PRM score it got (the
 * suggestion), labelled one by one (↑/↓ to move, 1 / 2 / 3 to label), plus a verdict on the answer.
 */
import type { TAnnotationItem, TStepLabelValue } from '@prmbas/contracts';
import { apiPath } from '@/lib/api-paths';
import { CorrectBadge } from '@/ui/badges';
import { ValueChip } from '@/ui/value-chip';
import { LABEL_KEYS } from './label-keys';

export function solutionNodes(item: TAnnotationItem) {
  const trace = item.trace!;
  const byId = new Map(trace.tree.map((n) => [n.id, n]));
  const path: typeof trace.tree = [];
  let current = trace.answerNode === null ? undefined : byId.get(trace.answerNode);
  while (current) {
    path.unshift(current);
    current = current.parent === null ? undefined : byId.get(current.parent);
  }
  return path;
}

export function TraceReview({
  item,
  labels,
  focus,
  onFocus,
  onLabel,
  answerCorrect,
  onAnswerCorrect,
}: {
  item: TAnnotationItem;
  labels: Record<number, TStepLabelValue>;
  focus: number;
  onFocus: (i: number) => void;
  onLabel: (nodeId: number, l: TStepLabelValue) => void;
  answerCorrect: boolean | null;
  onAnswerCorrect: (v: boolean | null) => void;
}) {
  const trace = item.trace!;
  const nodes = solutionNodes(item);
  const suggestion = new Map(item.nodeSuggestions.map((s) => [s.nodeId, s.score]));
  return (
    <div className="stack-lg">
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        {trace.images.map((image) => (
          <img key={image.position} className="question-image" src={apiPath(image.url)} alt={`image ${image.position + 1}`} style={{ width: 240 }} />
        ))}
        <div className="stack" style={{ flex: 1, minWidth: 220 }}>
          <p style={{ whiteSpace: 'pre-wrap' }}>{trace.questionText}</p>
          <div className="row small">
            <span className="muted">answer</span> <strong>{trace.answer ?? '–'}</strong> <CorrectBadge correct={trace.correct} />
            {trace.goldAnswer !== null && <span className="muted">gold {trace.goldAnswer}</span>}
            <span className="muted">· {trace.strategy}</span>
          </div>
        </div>
      </div>
      {nodes.length === 0 ? (
        <p className="muted">This trace has no finished solution to label.</p>
      ) : (
        <ol className="step-list">
          {nodes.map((n, i) => (
            <li key={n.id} onClick={() => onFocus(i)} style={{ borderLeftColor: i === focus ? 'var(--accent)' : 'var(--line)', background: i === focus ? 'var(--accent-soft)' : undefined, cursor: 'pointer' }}>
              <span className="pos">{i + 1}</span>
              <div className="stack" style={{ gap: 4 }}>
                <span className="break">{n.text}</span>
                <div className="row" style={{ gap: 4 }}>
                  {LABEL_KEYS.map((k) => (
                    <button key={k.label} type="button" className={`small ${labels[n.id] === k.label ? 'primary' : ''}`} onClick={() => onLabel(n.id, k.label)}>
                      {i === focus && <span className="kbd">{k.key}</span>} {k.text}
                    </button>
                  ))}
                </div>
              </div>
              <span className="stack" style={{ gap: 2, alignItems: 'flex-end' }}>
                <ValueChip value={suggestion.get(n.id) ?? n.score ?? null} title="PRM score (suggestion)" />
                <span className="small faint">PRM</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <span className="small muted">Is the final answer right?</span>
        {[
          { v: true, t: 'yes' },
          { v: false, t: 'no' },
          { v: null, t: 'not sure' },
        ].map((o) => (
          <label key={o.t} className="check">
            <input type="radio" name="answer-verdict" checked={answerCorrect === o.v} onChange={() => onAnswerCorrect(o.v)} /> {o.t}
          </label>
        ))}
      </div>
    </div>
  );
}
