'use client';
/** A render error anywhere below the shell: say what broke and offer a retry (the shell stays). */
import { ErrorNote } from '@/ui/states';

export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNote error={error} retry={reset} title="This page failed to render" />;
}
