import { QueuesPage } from '@/annotation/queues-page';

export const metadata = { title: 'Annotation' };

export default function Page() {
  return <QueuesPage />;
}
