import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="stack">
      <h1>Not found</h1>
      <p className="muted">
        No page here. <Link href="/">Back to the overview</Link>.
      </p>
    </div>
  );
}
