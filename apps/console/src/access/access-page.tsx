'use client';
import { useSession } from '@/auth/session';
import { PageHead } from '@/ui/page-head';
import { ApiKeysPanel } from './api-keys-panel';
import { UsersPanel } from './users-panel';

export function AccessPage() {
  const { can } = useSession();
  return (
    <>
      <PageHead title="Users & API keys" subtitle={can('admin') ? 'Accounts of the team and the keys scripts use.' : 'Your API keys. Accounts are managed by an admin.'} />
      <ApiKeysPanel />
      {can('admin') && <UsersPanel />}
    </>
  );
}
