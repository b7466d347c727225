'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { trpc } from '@/lib/trpc';
import { ErrorNote } from '@/ui/states';
import { SESSION_KEY } from './session';

export function SignInForm() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Until React has hydrated, a click would submit the form natively (a GET with the password in
  // the URL): the button stays disabled until then.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const signIn = useMutation({
    mutationFn: () => trpc.auth.signIn.mutate({ email, password }),
    // The cookie is set; asking again who we are lets the shell take the user on (to `?next=`).
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <form className="card stack" method="post" onSubmit={submit} style={{ width: 'min(380px, 100%)' }} aria-label="Sign in">
      <h1>Sign in</h1>
      <p className="muted">prmbas console: datasets, PRM training, deployments and review.</p>
      <label className="field">
        Email
        <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} name="email" />
      </label>
      <label className="field">
        Password
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} name="password" />
      </label>
      {signIn.error && <ErrorNote error={signIn.error} title="Could not sign in" />}
      <button type="submit" className="primary" disabled={!hydrated || signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="small faint">Accounts are made by an admin (Users &amp; keys). The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD of the API.</p>
    </form>
  );
}
