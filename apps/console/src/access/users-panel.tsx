'use client';
/** Users (admins only): create with an initial password, change role, disable / enable. */
import type { TUser, TUserRole } from '@prmbas/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { USER_ROLES } from '@/auth/roles';
import { useSession } from '@/auth/session';
import { errorInfo } from '@/lib/api-error';
import { formatDate, formatRelative } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { DataTable } from '@/ui/data-table';
import { Field, Options } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { QueryState } from '@/ui/states';

function CreateUserForm() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<TUserRole>('annotator');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => trpc.auth.users.create.mutate({ email, role, password, ...(name.trim() ? { name: name.trim() } : {}) }),
    onSuccess: () => {
      setEmail('');
      setName('');
      setPassword('');
      void client.invalidateQueries({ queryKey: ['auth.users.find'] });
    },
  });
  const { param, onSubmit } = useSubmit(create);
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create user">
      <div className="form-grid">
        <Field label="Email" invalid={param === 'email'}>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} name="newUserEmail" autoComplete="off" />
        </Field>
        <Field label="Name" hint="optional">
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <Field label="Role" invalid={param === 'role'}>
          <select value={role} onChange={(e) => setRole(e.target.value as TUserRole)} name="newUserRole">
            <Options values={USER_ROLES} />
          </select>
        </Field>
        <Field label="Initial password" hint="≥ 8 characters" invalid={param === 'password'}>
          <input type="password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" name="newUserPassword" />
        </Field>
      </div>
      <SubmitRow mutation={create} label="Create user" pendingLabel="Creating…" errorTitle="Could not create the user">
        {create.isSuccess && <div className="note good">Created {create.data.email} ({create.data.role}). Give them the password; they can change it.</div>}
      </SubmitRow>
    </form>
  );
}

function UserRow({ user, self }: { user: TUser; self: boolean }) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['auth.users.find'] });
  const role = useMutation({ mutationFn: (next: TUserRole) => trpc.auth.users.updateRole.mutate({ userId: user.id, role: next }), onSuccess: refresh });
  const toggle = useMutation({
    mutationFn: () => (user.disabledAt ? trpc.auth.users.enable.mutate({ userId: user.id }) : trpc.auth.users.disable.mutate({ userId: user.id })),
    onSuccess: refresh,
  });
  const error = role.error ?? toggle.error;
  return (
    <tr>
      <td>
        {user.email}
        {self && <span className="badge info" style={{ marginLeft: 6 }}>you</span>}
        {user.name && <div className="small muted">{user.name}</div>}
        {error && <div className="small" style={{ color: 'var(--bad)' }}>{errorInfo(error).message}</div>}
      </td>
      <td>
        <select value={user.role} disabled={self || role.isPending} onChange={(e) => role.mutate(e.target.value as TUserRole)} aria-label={`role of ${user.email}`}>
          <Options values={USER_ROLES} />
        </select>
      </td>
      <td>{user.disabledAt ? <span className="badge bad">disabled</span> : <span className="badge good">active</span>}</td>
      <td className="nowrap" title={formatDate(user.lastLoginAt)}>{formatRelative(user.lastLoginAt)}</td>
      <td className="nowrap">{formatDate(user.createdAt)}</td>
      <td>
        {!self && (
          <button type="button" className={`small${user.disabledAt ? '' : ' danger'}`} onClick={() => toggle.mutate()} disabled={toggle.isPending}>
            {user.disabledAt ? 'Enable' : 'Disable'}
          </button>
        )}
      </td>
    </tr>
  );
}

export function UsersPanel() {
  const { user: me } = useSession();
  const users = useQuery({ queryKey: ['auth.users.find', { limit: 200 }], queryFn: () => trpc.auth.users.find.query({ limit: 200 }) });
  return (
    <section className="card stack-lg" aria-labelledby="users-title">
      <header>
        <h2 id="users-title">Users</h2>
        <span className="small muted">viewer &lt; annotator &lt; researcher &lt; admin. Disabling signs a user out everywhere and stops their keys.</span>
      </header>
      <CreateUserForm />
      <QueryState query={users}>
        {(data) => (
          <DataTable columns={['user', 'role', 'state', 'last sign-in', 'created', '']}>
            {data.items.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me.id} />
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
