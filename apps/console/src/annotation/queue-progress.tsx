import type { TAnnotationProgress } from '@prmbas/contracts';

/** done / skipped / in progress / pending as one stacked bar with the counts. */
export function QueueProgress({ progress }: { progress: TAnnotationProgress }) {
  const total = Math.max(1, progress.total);
  const parts = [
    { label: 'done', n: progress.done, color: 'var(--good)' },
    { label: 'in progress', n: progress.inProgress, color: 'var(--accent)' },
    { label: 'skipped', n: progress.skipped, color: 'var(--warn)' },
  ];
  return (
    <div className="stack" style={{ gap: 4, minWidth: 160 }} data-testid="queue-progress">
      <div className="progress" style={{ display: 'flex' }} aria-label={`${progress.done} of ${progress.total} done`}>
        {parts.map((p) => (
          <div key={p.label} style={{ width: `${(p.n / total) * 100}%`, background: p.color }} />
        ))}
      </div>
      <span className="small muted">
        <strong style={{ color: 'var(--ink)' }}>{progress.done}</strong>/{progress.total} done · {progress.inProgress} in progress · {progress.skipped} skipped · {progress.pending} pending
      </span>
    </div>
  );
}
