import { Overview } from '@/overview/overview';

export default function OverviewPage() {
  return <Overview />;
}
