'use client';
/**
 * Ask the same question (text and images of a stored trace) to other deployments, then compare
 * the traces side by side: the way to put strategies next to each other on one question.
 */
import type { TTrace } from '@prmbas/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fileToDataUrl } from '@/deployments/chat-stream';
import { restErrorOf } from '@/lib/api-error';
import { apiPath } from '@/lib/api-paths';
import { toggled } from '@/lib/form-values';
import { trpc } from '@/lib/trpc';
import { ErrorNote } from '@/ui/states';
import { describeStrategy } from '@/deployments/deployment-summary';

/**
 * The answer format the original request gave (stored camelCased in the trace's params), sent
 * again in the request's own (snake_case) extension; a format read from the prompt needs nothing.
 */
function formatOf(trace: TTrace): Record<string, unknown> | undefined {
  const f = (trace.params?.['answerFormat'] ?? null) as { source?: string; answerType?: string; choices?: string[]; precision?: number; unit?: string } | null;
  if (!f || f.source !== 'request') return undefined;
  return Object.fromEntries(
    Object.entries({ answer_type: f.answerType, choices: f.choices, precision: f.precision, unit: f.unit }).filter(([, v]) => v !== undefined && v !== null),
  );
}

async function ask(deployment: string, trace: TTrace, images: string[]): Promise<string> {
  const format = formatOf(trace);
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: deployment,
      messages: [{ role: 'user', content: [{ type: 'text', text: trace.questionText }, ...images.map((url) => ({ type: 'image_url', image_url: { url } }))] }],
      ...(format ? { prmbas: format } : {}),
    }),
  });
  if (!response.ok) throw await restErrorOf(response);
  const body = (await response.json()) as { prmbas: { trace_id: string } };
  return body.prmbas.trace_id;
}

export function RerunForm({ trace }: { trace: TTrace }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const deployments = useQuery({ queryKey: ['deployments.find', { limit: 100 }], queryFn: () => trpc.deployments.find.query({ limit: 100 }) });
  const others = (deployments.data?.items ?? []).filter((d) => d.id !== trace.deployment.id && d.status === 'active');
  const run = useMutation({
    mutationFn: async () => {
      const images = await Promise.all(
        trace.images.map(async (image) => {
          const response = await fetch(apiPath(image.url), { credentials: 'same-origin' });
          if (!response.ok) throw await restErrorOf(response);
          return fileToDataUrl(await response.blob());
        }),
      );
      const names = others.filter((d) => chosen.includes(d.id)).map((d) => d.name);
      // One at a time: the per-user rate limit is a small burst.
      const ids: string[] = [];
      for (const name of names) ids.push(await ask(name, trace, images));
      return ids;
    },
    onSuccess: (ids) => router.push(`/traces/compare?ids=${[trace.id, ...ids].join(',')}`),
  });
  if (deployments.data && others.length === 0) return <p className="small muted">No other active deployment to compare with: create one with another strategy.</p>;
  return (
    <div className="stack">
      <div className="row">
        {others.map((d) => (
          <label key={d.id} className="check">
            <input type="checkbox" checked={chosen.includes(d.id)} onChange={() => setChosen((c) => toggled(c, d.id, 3))} />
            <span className="mono">{d.name}</span> <span className="small muted">({describeStrategy(d.strategy)})</span>
          </label>
        ))}
      </div>
      {run.error && <ErrorNote error={run.error} />}
      <div>
        <button type="button" className="primary" disabled={chosen.length === 0 || run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Asking…' : `Ask ${chosen.length || ''} and compare`}
        </button>
      </div>
    </div>
  );
}
