'use client';
import type { TTrainingRun } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { ErrorNote } from '@/ui/states';

/** A queued run stops at once; a running one at its worker's next heartbeat, after a checkpoint. */
export function CancelRunButton({ run }: { run: TTrainingRun }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const cancel = useMutation({
    mutationFn: () => trpc.training.cancel.mutate({ id: run.id }),
    onSuccess: (updated) => {
      setOpen(false);
      client.setQueryData(['training.get', run.id], updated);
      void client.invalidateQueries({ queryKey: ['training.find'] });
    },
  });
  if (run.status !== 'queued' && run.status !== 'running') return null;
  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)} disabled={run.cancelRequestedAt !== null}>
        {run.cancelRequestedAt ? 'Cancelling…' : 'Cancel run'}
      </button>
      <ConfirmDialog open={open} title="Cancel this run?" confirmLabel="Cancel run" danger busy={cancel.isPending} onCancel={() => setOpen(false)} onConfirm={() => cancel.mutate()}>
        <p>
          {run.status === 'queued'
            ? 'It has not started: it is removed from the queue at once.'
            : 'Its worker stops at its next heartbeat and writes a checkpoint; no model version is registered.'}
        </p>
        {cancel.error && <ErrorNote error={cancel.error} />}
      </ConfirmDialog>
    </>
  );
}
