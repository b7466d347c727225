import { Loading } from '@/ui/states';

export default function RouteLoading() {
  return <Loading />;
}
