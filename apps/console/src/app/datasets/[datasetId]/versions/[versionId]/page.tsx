import { VersionPage } from '@/datasets/version-page';

export const metadata = { title: 'Dataset version' };

export default async function Page({ params }: { params: Promise<{ datasetId: string; versionId: string }> }) {
  const { datasetId, versionId } = await params;
  return <VersionPage datasetId={datasetId} versionId={versionId} />;
}
