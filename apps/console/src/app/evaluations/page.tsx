import { EvaluationsPage } from '@/evaluations/evaluations-page';

export const metadata = { title: 'Evaluations' };

export default function Page() {
  return <EvaluationsPage />;
}
