'use client';
/**
 * API keys: for scripts and the OpenAI SDK. A new key is shown exactly once (only its sha256 is
 * stored); lists show its prefix, scopes, owner and when it was last used. Admins see everyone's.
 */
import type { TApiKey, TApiKeyScope } from '@prmbas/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { API_KEY_SCOPES } from '@/auth/roles';
import { useSession } from '@/auth/session';
import { toggled } from '@/lib/form-values';
import { formatDate, formatRelative } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { useNow } from '@/lib/use-interval';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { DataTable } from '@/ui/data-table';
import { Field } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { Empty, ErrorNote, QueryState } from '@/ui/states';

const SCOPE_HELP: Record<TApiKeyScope, string> = {
  inference: 'the serving API (/v1/chat/completions)',
  read: 'queries',
  write: 'mutations (and reads)',
  admin: 'admin procedures (and everything)',
};

function keyState(key: TApiKey, now: number): { label: string; tone: string } {
  if (key.revokedAt) return { label: 'revoked', tone: 'bad' };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return { label: 'expired', tone: 'warn' };
  return { label: 'active', tone: 'good' };
}

function CreateKeyForm({ onCreated }: { onCreated: (key: string, name: string) => void }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TApiKeyScope[]>(['inference', 'read']);
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () => trpc.auth.apiKeys.create.mutate({ name, scopes, ...(expires ? { expiresInDays: Number(expires) } : {}) }),
    onSuccess: (result) => {
      onCreated(result.key, result.apiKey.name);
      setName('');
      void client.invalidateQueries({ queryKey: ['auth.apiKeys.find'] });
    },
  });
  const { param, onSubmit } = useSubmit(create);
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create API key">
      <div className="form-grid">
        <Field label="Name" invalid={param === 'name'}>
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. eval script" name="keyName" />
        </Field>
        <Field label="Expires in (days)" hint="empty: never" invalid={param === 'expiresInDays'}>
          <input type="number" min={1} max={3650} value={expires} onChange={(e) => setExpires(e.target.value)} />
        </Field>
      </div>
      <fieldset>
        <legend>Scopes</legend>
        <div className="row">
          {API_KEY_SCOPES.filter((s) => s !== 'admin' || can('admin')).map((scope) => (
            <label key={scope} className="check" title={SCOPE_HELP[scope]}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => setScopes((s) => toggled(s, scope))} /> {scope} <span className="faint small">({SCOPE_HELP[scope]})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <SubmitRow mutation={create} label="Create key" pendingLabel="Creating…" errorTitle="Could not create the key" disabled={scopes.length === 0} />
    </form>
  );
}

export function ApiKeysPanel() {
  const { user, can } = useSession();
  const client = useQueryClient();
  const now = useNow();
  const [allOwners, setAllOwners] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<TApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const input = { allOwners, includeRevoked: true, limit: 200 };
  const keys = useQuery({ queryKey: ['auth.apiKeys.find', input], queryFn: () => trpc.auth.apiKeys.find.query(input) });
  const revoke = useMutation({
    mutationFn: (id: string) => trpc.auth.apiKeys.revoke.mutate({ apiKeyId: id }),
    onSuccess: () => {
      setRevoking(null);
      void client.invalidateQueries({ queryKey: ['auth.apiKeys.find'] });
    },
  });
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard needs a secure context; the key is selectable text anyway.
    }
  };
  return (
    <section className="card stack-lg" aria-labelledby="keys-title">
      <header>
        <h2 id="keys-title">API keys</h2>
        {can('admin') && (
          <label className="check">
            <input type="checkbox" checked={allOwners} onChange={(e) => setAllOwners(e.target.checked)} /> everyone&apos;s keys
          </label>
        )}
      </header>
      <p className="small muted">
        For scripts and the OpenAI SDK: <code>new OpenAI({'{'} baseURL: &apos;&lt;api&gt;/v1&apos;, apiKey {'}'})</code>. A key never exceeds its owner&apos;s role ({user.role}).
      </p>
      {created && (
        <div className="note good stack" role="status" data-testid="new-key">
          <strong>Key “{created.name}” created. Copy it now: it is shown only this once.</strong>
          <div className="secret" data-testid="new-key-value">{created.key}</div>
          <div className="row">
            <button type="button" className="small" onClick={() => void copy(created.key)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="small" onClick={() => (setCreated(null), setCopied(false))}>
              I have stored it
            </button>
          </div>
        </div>
      )}
      <CreateKeyForm onCreated={(key, name) => (setCreated({ key, name }), setCopied(false))} />
      <QueryState query={keys} empty={<Empty>No API keys yet.</Empty>}>
        {(data) => (
          <DataTable columns={['name', 'prefix', 'scopes', allOwners && 'owner', 'state', 'last used', 'created', '']}>
            {data.items.map((key) => {
              const state = keyState(key, now);
              return (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td className="mono">{key.prefix}…</td>
                  <td className="small">{key.scopes.join(', ')}</td>
                  {allOwners && <td className="small">{key.owner.email}</td>}
                  <td>
                    <span className={`badge ${state.tone}`}>{state.label}</span>
                    {key.expiresAt && !key.revokedAt && <div className="small faint">until {formatDate(key.expiresAt)}</div>}
                  </td>
                  <td className="nowrap" title={formatDate(key.lastUsedAt)}>
                    {formatRelative(key.lastUsedAt, now)}
                  </td>
                  <td className="nowrap">{formatDate(key.createdAt)}</td>
                  <td>
                    {!key.revokedAt && (
                      <button type="button" className="small danger" onClick={() => setRevoking(key)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this key?"
        confirmLabel="Revoke key"
        danger
        busy={revoke.isPending}
        onCancel={() => (setRevoking(null), revoke.reset())}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      >
        <p>
          <strong>{revoking?.name}</strong> (<code>{revoking?.prefix}…</code>) stops working at once, for every script that uses it. This cannot be undone.
        </p>
        {revoke.error && <ErrorNote error={revoke.error} />}
      </ConfirmDialog>
    </section>
  );
}
