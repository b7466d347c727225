'use client';
/** Pause (requests get 409), activate, or archive (gone from /v1/models; traces stay). */
import type { TDeployment } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { ErrorNote } from '@/ui/states';

export function DeploymentStatusControls({ deployment }: { deployment: TDeployment }) {
  const client = useQueryClient();
  const [archiving, setArchiving] = useState(false);
  const refresh = (d: TDeployment) => {
    client.setQueryData(['deployments.get', d.id], d);
    void client.invalidateQueries({ queryKey: ['deployments.find'] });
  };
  const setStatus = useMutation({ mutationFn: (status: 'active' | 'paused') => trpc.deployments.update.mutate({ id: deployment.id, status }), onSuccess: refresh });
  const archive = useMutation({
    mutationFn: () => trpc.deployments.delete.mutate({ id: deployment.id }),
    onSuccess: (d) => (setArchiving(false), refresh(d)),
  });
  return (
    <>
      {deployment.status === 'active' && (
        <button type="button" onClick={() => setStatus.mutate('paused')} disabled={setStatus.isPending}>
          Pause
        </button>
      )}
      {deployment.status !== 'active' && (
        <button type="button" onClick={() => setStatus.mutate('active')} disabled={setStatus.isPending}>
          {deployment.status === 'archived' ? 'Restore' : 'Activate'}
        </button>
      )}
      {deployment.status !== 'archived' && (
        <button type="button" className="danger" onClick={() => setArchiving(true)}>
          Archive
        </button>
      )}
      {setStatus.error && <ErrorNote error={setStatus.error} />}
      <ConfirmDialog open={archiving} title={`Archive ${deployment.name}?`} confirmLabel="Archive" danger busy={archive.isPending} onCancel={() => setArchiving(false)} onConfirm={() => archive.mutate()}>
        <p>Requests for this model answer 404 from now on. Its traces stay, and its name stays reserved; it can be restored.</p>
        {archive.error && <ErrorNote error={archive.error} />}
      </ConfirmDialog>
    </>
  );
}
