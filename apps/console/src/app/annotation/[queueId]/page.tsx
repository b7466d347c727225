import { QueuePage } from '@/annotation/queue-page';

export const metadata = { title: 'Review queue' };

export default async function Page({ params }: { params: Promise<{ queueId: string }> }) {
  const { queueId } = await params;
  return <QueuePage queueId={queueId} />;
}
