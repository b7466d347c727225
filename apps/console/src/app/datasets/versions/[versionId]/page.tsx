import { VersionRedirect } from '@/datasets/version-redirect';

export default async function Page({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return <VersionRedirect versionId={versionId} />;
}
