import { ModelsPage } from '@/models/models-page';

export const metadata = { title: 'Models' };

export default function Page() {
  return <ModelsPage />;
}
