import { RunPage } from '@/training/run-page';

export const metadata = { title: 'Training run' };

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunPage runId={runId} />;
}
