import { DeploymentsPage } from '@/deployments/deployments-page';

export const metadata = { title: 'Deployments' };

export default function Page() {
  return <DeploymentsPage />;
}
