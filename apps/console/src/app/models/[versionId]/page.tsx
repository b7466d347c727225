import { ModelVersionPage } from '@/models/model-version-page';

export const metadata = { title: 'Model version' };

export default async function Page({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return <ModelVersionPage versionId={versionId} />;
}
