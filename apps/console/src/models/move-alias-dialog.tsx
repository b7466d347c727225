'use client';
/**
 * Move an alias (`production`, `candidate`, …) to a model version, after a confirmation that shows
 * where it points now. The move is a compare-and-set on what this dialog showed: if someone moved
 * the alias meanwhile the API answers 409 and nothing changes, and the dialog says so.
 */
import type { TModelAlias, TModelVersion } from '@prmbas/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorInfo } from '@/lib/api-error';
import { trpc } from '@/lib/trpc';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { Field, Options } from '@/ui/field';
import { ErrorNote } from '@/ui/states';

export const STANDARD_ALIASES = ['production', 'candidate'] as const;

export function MoveAliasButton({ version, label = 'Set alias…' }: { version: TModelVersion; label?: string }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState<string>('production');
  const [custom, setCustom] = useState('');
  const aliases = useQuery({ queryKey: ['models.aliases.find'], queryFn: () => trpc.models.aliases.find.query(), enabled: open });
  const name = alias === 'other' ? custom.trim() : alias;
  const current: TModelAlias | undefined = aliases.data?.items.find((a) => a.name === name);
  const move = useMutation({
    mutationFn: () => trpc.models.aliases.move.mutate({ name, modelVersionId: version.id, expectedModelVersionId: current?.modelVersion.id ?? null }),
    onSuccess: () => {
      setOpen(false);
      void client.invalidateQueries({ queryKey: ['models.aliases.find'] });
      void client.invalidateQueries({ queryKey: ['models.find'] });
      void client.invalidateQueries({ queryKey: ['models.get'] });
      void client.invalidateQueries({ queryKey: ['models.aliases.history'] });
    },
    onError: (error) => {
      // A 409 means the alias moved since the dialog read it: show the new state.
      if (errorInfo(error).status === 409) void aliases.refetch();
    },
  });
  const already = current?.modelVersion.id === version.id;
  return (
    <>
      <button type="button" className="small" onClick={() => (setOpen(true), move.reset())}>
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={`Point an alias at ${version.name} v${version.version}`}
        confirmLabel={already ? 'Already there' : `Move ${name || 'alias'}`}
        busy={move.isPending || aliases.isPending || already || !name}
        onCancel={() => setOpen(false)}
        onConfirm={() => move.mutate()}
      >
        <div className="form-grid">
          <Field label="Alias">
            <select value={alias} onChange={(e) => (setAlias(e.target.value), move.reset())} name="aliasName">
              <Options values={STANDARD_ALIASES} />
              <option value="other">other…</option>
            </select>
          </Field>
          {alias === 'other' && (
            <Field label="Name">
              <input value={custom} onChange={(e) => setCustom(e.target.value)} placeholder="e.g. staging" />
            </Field>
          )}
        </div>
        {aliases.isPending ? (
          <p className="muted">Reading where it points now…</p>
        ) : (
          <p data-testid="alias-move-summary">
            <code>{name || '…'}</code>:{' '}
            {current ? (
              <>
                <strong>{current.modelVersion.name} v{current.modelVersion.version}</strong> → <strong>{version.name} v{version.version}</strong>
              </>
            ) : (
              <>
                new alias → <strong>{version.name} v{version.version}</strong>
              </>
            )}
            . Deployments that use this alias score with the new version from their next request.
          </p>
        )}
        {move.error && (
          <ErrorNote
            error={move.error}
            title={errorInfo(move.error).status === 409 ? 'Someone moved this alias meanwhile; nothing was changed. Check the new target above and confirm again.' : 'Could not move the alias'}
          />
        )}
      </ConfirmDialog>
    </>
  );
}
