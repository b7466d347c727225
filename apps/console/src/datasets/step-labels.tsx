import type { TStepLabel } from '@prmbas/contracts';

const TONE = { correct: 'good', incorrect: 'bad', neutral: '' } as const;

/** Human labels on a dataset step (from annotation queues): who said what. */
export function StepLabels({ labels }: { labels: TStepLabel[] }) {
  if (labels.length === 0) return null;
  return (
    <span className="row" style={{ gap: 4 }}>
      {labels.map((l) => (
        <span key={l.id} className={`badge ${TONE[l.label]}`} title={`${l.author?.email ?? 'deleted user'}${l.comment ? `: ${l.comment}` : ''}`} data-testid="step-label">
          {l.label}
          <span className="faint" style={{ fontWeight: 400 }}>
            {' '}
            · {l.author?.email.split('@')[0] ?? '?'}
            {l.comment ? ` · “${l.comment.length > 40 ? `${l.comment.slice(0, 40)}…` : l.comment}”` : ''}
          </span>
        </span>
      ))}
    </span>
  );
}
