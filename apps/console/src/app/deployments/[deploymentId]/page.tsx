import { DeploymentPage } from '@/deployments/deployment-page';

export const metadata = { title: 'Deployment' };

export default async function Page({ params }: { params: Promise<{ deploymentId: string }> }) {
  const { deploymentId } = await params;
  return <DeploymentPage deploymentId={deploymentId} />;
}
