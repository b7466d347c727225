import { TracesPage } from '@/traces/traces-page';

export const metadata = { title: 'Traces' };

export default function Page() {
  return <TracesPage />;
}
