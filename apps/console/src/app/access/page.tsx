import { AccessPage } from '@/access/access-page';

export const metadata = { title: 'Users & keys' };

export default function Page() {
  return <AccessPage />;
}
