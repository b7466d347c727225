'use client';
import type { TUserRole } from '@prmbas/contracts';
import type { ReactNode } from 'react';
import { useSession } from './session';

/** Shows `children` to users with at least `role`; others see why not (or nothing). */
export function RequiresRole({ role, children, quiet }: { role: TUserRole; children: ReactNode; quiet?: boolean }) {
  const { user, can } = useSession();
  if (can(role)) return <>{children}</>;
  if (quiet) return null;
  return (
    <div className="note">
      This needs the <strong>{role}</strong> role; you are {user.role === 'admin' || user.role === 'annotator' ? 'an' : 'a'} {user.role}.
    </div>
  );
}
