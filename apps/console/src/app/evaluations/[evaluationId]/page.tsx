import { EvaluationPage } from '@/evaluations/evaluation-page';

export const metadata = { title: 'Evaluation' };

export default async function Page({ params }: { params: Promise<{ evaluationId: string }> }) {
  const { evaluationId } = await params;
  return <EvaluationPage evaluationId={evaluationId} />;
}
