import { ComparePage } from '@/training/compare-page';

export const metadata = { title: 'Compare runs' };

export default async function Page({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const { ids } = await searchParams;
  return <ComparePage ids={(ids ?? '').split(',').filter(Boolean)} />;
}
