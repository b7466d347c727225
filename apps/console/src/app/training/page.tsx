import { RunsPage } from '@/training/runs-page';

export const metadata = { title: 'Training runs' };

export default function Page() {
  return <RunsPage />;
}
