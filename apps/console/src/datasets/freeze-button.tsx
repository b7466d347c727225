'use client';
/** Ready → frozen, after a confirmation: a frozen version never changes again (labels still can). */
import type { TDatasetVersion } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { ErrorNote } from '@/ui/states';

export function FreezeButton({ version }: { version: TDatasetVersion }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const freeze = useMutation({
    mutationFn: () => trpc.datasets.freezeVersion.mutate({ id: version.id }),
    onSuccess: () => {
      setOpen(false);
      void client.invalidateQueries({ queryKey: ['datasets.get', version.datasetId] });
      void client.invalidateQueries({ queryKey: ['datasets.getVersion', version.id] });
    },
  });
  if (version.status !== 'ready') return null;
  return (
    <>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Freeze
      </button>
      <ConfirmDialog
        open={open}
        title={`Freeze v${version.version}?`}
        confirmLabel="Freeze version"
        busy={freeze.isPending}
        onCancel={() => (setOpen(false), freeze.reset())}
        onConfirm={() => freeze.mutate()}
      >
        <p>
          Its {version.stats.questions} questions, {version.stats.solutions} solutions and their values can no longer be edited or deleted, so training runs and
          evaluations on it stay reproducible. Human labels can still be added.
        </p>
        {freeze.error && <ErrorNote error={freeze.error} />}
      </ConfirmDialog>
    </>
  );
}
