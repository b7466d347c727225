import { DatasetsPage } from '@/datasets/datasets-page';

export const metadata = { title: 'Datasets' };

export default function Page() {
  return <DatasetsPage />;
}
