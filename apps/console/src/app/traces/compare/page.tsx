import { CompareTracesPage } from '@/traces/compare-traces-page';

export const metadata = { title: 'Compare traces' };

export default async function Page({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const { ids } = await searchParams;
  return <CompareTracesPage ids={(ids ?? '').split(',').filter(Boolean)} />;
}
