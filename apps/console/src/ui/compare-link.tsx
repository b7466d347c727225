import Link from 'next/link';

/** How many rows are picked, and the link to compare them once there are two (traces, runs). */
export function CompareLink({ selected, path, label, hint }: { selected: string[]; path: string; label: string; hint: string }) {
  return (
    <div className="row">
      <span className="small muted">{selected.length} selected</span>
      {selected.length >= 2 ? (
        <Link className="button small primary" href={`${path}?ids=${selected.join(',')}`}>
          {label}
        </Link>
      ) : (
        <button type="button" className="small" disabled title={hint}>
          Compare
        </button>
      )}
    </div>
  );
}
