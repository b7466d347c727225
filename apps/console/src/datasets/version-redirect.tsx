'use client';
/** `/datasets/versions/:id` (links that know only the version): look up its dataset, go to the canonical page. */
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { trpc } from '@/lib/trpc';
import { ErrorNote, Loading } from '@/ui/states';

export function VersionRedirect({ versionId }: { versionId: string }) {
  const router = useRouter();
  const version = useQuery({ queryKey: ['datasets.getVersion', versionId], queryFn: () => trpc.datasets.getVersion.query({ id: versionId }) });
  useEffect(() => {
    if (version.data) router.replace(`/datasets/${version.data.datasetId}/versions/${version.data.id}`);
  }, [router, version.data]);
  if (version.error) return <ErrorNote error={version.error} retry={() => void version.refetch()} />;
  return <Loading label="Finding the version…" />;
}
