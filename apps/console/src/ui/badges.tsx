/** Status badges: one colour language for jobs, runs, versions, deployments and traces. */

const TONES: Record<string, 'good' | 'bad' | 'warn' | 'info' | ''> = {
  succeeded: 'good',
  ready: 'good',
  active: 'good',
  done: 'good',
  frozen: 'info',
  running: 'info',
  building: 'info',
  in_progress: 'info',
  queued: 'warn',
  pending: '',
  paused: 'warn',
  skipped: 'warn',
  failed: 'bad',
  cancelled: '',
  archived: '',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONES[status] ?? ''}`}>{status.replace('_', ' ')}</span>;
}

export function CorrectBadge({ correct }: { correct: boolean | null }) {
  if (correct === null) return <span className="badge">unknown</span>;
  return correct ? <span className="badge good">correct</span> : <span className="badge bad">incorrect</span>;
}

export function ProgressBar({ value, label }: { value: number | null; label?: string }) {
  const share = Math.max(0, Math.min(1, value ?? 0));
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label={label ?? 'progress'}>
      <div style={{ width: `${share * 100}%` }} />
    </div>
  );
}
