'use client';
/**
 * The signed-in frame: navigation, the user, the simulated-parts footnote. Also the gate: pages
 * render only for a signed-in user; anyone else is sent to /sign-in (and back afterwards).
 */
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { useSessionQuery, useSignOut } from '@/auth/session';
import { ErrorNote, Loading } from './states';
import { SimulatedFootnote } from './sim-note';

const NAV: Array<{ href: string; label: string }> = [
  { href: '/', label: 'Overview' },
  { href: '/datasets', label: 'Datasets' },
  { href: '/training', label: 'Training runs' },
  { href: '/models', label: 'Models' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/traces', label: 'Traces' },
  { href: '/annotation', label: 'Annotation' },
  { href: '/evaluations', label: 'Evaluations' },
  { href: '/access', label: 'Users & keys' },
];

/** Only same-site paths: `?next=https://evil.example` must not become an open redirect. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function Shell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const session = useSessionQuery();
  const signOut = useSignOut();
  const onSignIn = pathname === '/sign-in';
  const signedOut = session.isSuccess && session.data === null;

  useEffect(() => {
    if (signedOut && !onSignIn) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
    if (session.data && onSignIn) router.replace(safeNext(window.location.search));
  }, [signedOut, onSignIn, pathname, router, session.data]);

  if (onSignIn) {
    return (
      <main className="content" style={{ alignItems: 'center', justifyContent: 'center', minHeight: '100vh', margin: '0 auto' }}>
        {children}
      </main>
    );
  }
  if (session.isPending || signedOut) return <main className="content"><Loading label="Checking your session…" /></main>;
  if (session.error) return <main className="content"><ErrorNote error={session.error} retry={() => void session.refetch()} title="The API did not answer" /></main>;
  const user = session.data!.user;
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="nav-brand">
          prmbas <small>PRM-guided reasoning</small>
        </div>
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}>
            {item.label}
          </Link>
        ))}
        <div className="nav-spacer" />
        <div className="nav-user">
          <strong className="nav-user-email">{user.email}</strong>
          <span className="badge">{user.role}</span>
          <button type="button" className="small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </nav>
      <div className="main">
        <main className="content">{children}</main>
        <SimulatedFootnote />
      </div>
    </div>
  );
}
