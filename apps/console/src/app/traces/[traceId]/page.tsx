import { TracePage } from '@/traces/trace-page';

export const metadata = { title: 'Trace' };

export default async function Page({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return <TracePage traceId={traceId} />;
}
