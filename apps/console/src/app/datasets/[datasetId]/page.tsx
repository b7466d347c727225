import { DatasetPage } from '@/datasets/dataset-page';

export const metadata = { title: 'Dataset' };

export default async function Page({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  return <DatasetPage datasetId={datasetId} />;
}
