'use client';
/**
 * Ask a deployment a question and watch its search: the tree grows depth by depth from the
 * serving stream (beam width per depth, scores, kept vs pruned), then the answer, scored against
 * the gold answer when the image is a suite PNG (the stored trace says so).
 */
import type { TDeployment } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorInfo } from '@/lib/api-error';
import { formatDuration } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { SearchTreePanel } from '@/search-tree/search-tree-panel';
import { treeFromTrace } from '@/search-tree/tree-model';
import { CorrectBadge } from '@/ui/badges';
import { Field } from '@/ui/field';
import { SimNote } from '@/ui/sim-note';
import { ErrorNote } from '@/ui/states';
import { fileToDataUrl, type ChatQuestion } from './chat-stream';
import { QuestionPicker, type PickedQuestion } from './question-picker';
import { useSearchStream } from './use-search-stream';

async function toChatQuestion(deployment: string, picked: PickedQuestion, seed: string): Promise<ChatQuestion> {
  const seedValue = seed.trim() ? Number(seed) : undefined;
  if (picked.source === 'suite') {
    const q = picked.question;
    // The API takes images as data URLs: generated suite questions come as data URLs already; a
    // dataset's stored PNG is fetched (same origin, session cookie) and inlined.
    const images = await Promise.all(
      q.images.map(async (src, position) => {
        if (src.startsWith('data:')) return src;
        const response = await fetch(src, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`could not load image ${position} of the question (${response.status})`);
        return fileToDataUrl(await response.blob());
      }),
    );
    return {
      deployment,
      text: q.text,
      images,
      seed: seedValue,
      format: { answer_type: q.answerType, ...(q.choices.length ? { choices: q.choices } : {}), ...(q.precision !== null ? { precision: q.precision } : {}), ...(q.unit ? { unit: q.unit } : {}) },
    };
  }
  return { deployment, text: picked.text, images: picked.file ? [await fileToDataUrl(picked.file)] : [], seed: seedValue };
}

/** 4xx: the question itself was refused (e.g. a non-suite image for the simulated policy). */
function isRefusal(error: unknown): boolean {
  const status = errorInfo(error).status;
  return status !== null && status >= 400 && status < 500;
}

export function Playground({ deployment }: { deployment: TDeployment }) {
  const [picked, setPicked] = useState<PickedQuestion | null>(null);
  const [seed, setSeed] = useState('');
  const [animate, setAnimate] = useState(true);
  const [prepareError, setPrepareError] = useState<unknown>(null);
  const { state, ask, stop } = useSearchStream(animate);
  const sim = deployment.policy.kind === 'sim';
  const trace = useQuery({
    queryKey: ['traces.get', state.traceId],
    queryFn: () => trpc.traces.get.query({ id: state.traceId! }),
    enabled: state.phase === 'answered' && state.traceId !== null,
  });
  const ready = picked !== null && (picked.source === 'suite' || picked.text.trim() !== '');
  const busy = state.phase === 'waiting' || state.phase === 'searching';
  const submit = async () => {
    if (!picked) return;
    setPrepareError(null);
    try {
      await ask(await toChatQuestion(deployment.name, picked, seed));
    } catch (error) {
      setPrepareError(error);
    }
  };
  return (
    <section className="card stack-lg" aria-labelledby="playground-title">
      <header>
        <h2 id="playground-title">Playground</h2>
        <span className="small muted">asks <code>{deployment.name}</code> through the OpenAI-compatible API, streaming</span>
      </header>
      {sim && <SimNote />}
      <QuestionPicker value={picked} onChange={setPicked} simPolicy={sim} />
      {picked?.source === 'suite' && (
        <div className="row" style={{ alignItems: 'flex-start' }}>
          {picked.question.images[0] && <img className="question-image" src={picked.question.images[0]} alt="the chosen question's image" style={{ width: 200 }} />}
          <div className="stack" style={{ flex: 1, minWidth: 220 }}>
            <p style={{ whiteSpace: 'pre-wrap' }} data-testid="playground-question">
              {picked.question.text}
            </p>
            <span className="small muted">gold answer (used only to score the trace afterwards): {picked.question.answer}</span>
          </div>
        </div>
      )}
      <div className="row">
        <Field label="Seed" hint="optional">
          <input type="number" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 110 }} />
        </Field>
        <label className="check" style={{ alignSelf: 'flex-end', paddingBottom: 6 }}>
          <input type="checkbox" checked={animate} onChange={(e) => setAnimate(e.target.checked)} /> grow the tree at a readable pace
        </label>
        <div className="row" style={{ alignSelf: 'flex-end' }}>
          <button type="button" className="primary" onClick={() => void submit()} disabled={!ready || busy || deployment.status !== 'active'}>
            {busy ? 'Searching…' : 'Ask'}
          </button>
          {busy && (
            <button type="button" onClick={stop}>
              Stop
            </button>
          )}
        </div>
      </div>
      {deployment.status !== 'active' && <div className="note">This deployment is {deployment.status}: activate it to ask.</div>}
      {prepareError !== null && <ErrorNote error={prepareError} />}
      {state.phase === 'failed' && <ErrorNote error={state.error} title={isRefusal(state.error) ? 'The API refused the question' : 'The search failed'} />}
      {state.phase !== 'idle' && state.phase !== 'failed' && (
        <div className="stack-lg">
          <div className="row small" role="status" aria-live="polite" data-testid="search-status">
            <strong>{state.phase === 'answered' ? 'Answered' : state.phase === 'waiting' ? 'Starting…' : `Searching: depth ${state.depth ?? 0}`}</strong>
            <span className="muted">
              {state.tree.nodes.size} nodes · {state.events} events
            </span>
            {state.traceId && (
              <span className="muted">
                trace <Link href={`/traces/${state.traceId}`}>{state.traceId.slice(0, 8)}…</Link>
              </span>
            )}
          </div>
          {/* Once stored, the trace has every node's final status (finished, expanded …): draw that. */}
          <SearchTreePanel tree={trace.data ? treeFromTrace(trace.data) : state.tree} answerNode={trace.data?.answerNode ?? null} />
        </div>
      )}
      {state.phase === 'answered' && state.outcome && (
        <div className="card stack" data-testid="playground-answer" style={{ borderColor: 'var(--accent)' }}>
          <div className="row">
            <h3>Answer</h3>
            <strong style={{ fontSize: 18 }} data-testid="answer-value">
              {state.outcome.answer ?? 'no answer (no solution finished)'}
            </strong>
            {trace.data && trace.data.correct !== null && <CorrectBadge correct={trace.data.correct} />}
            {trace.data?.goldAnswer && <span className="small muted">gold {trace.data.goldAnswer}</span>}
          </div>
          <pre className="break" style={{ fontFamily: 'inherit', fontSize: 14 }}>
            {state.content}
          </pre>
          <div className="small muted">
            beam widths {state.outcome.beam_widths.join(' → ') || '–'} · {state.outcome.cost.generated_steps} steps generated · {state.outcome.cost.prm_scored_steps} scored by{' '}
            {state.outcome.prm?.name ?? 'no PRM'} · {state.outcome.cost.policy_calls} policy calls · {formatDuration(state.outcome.latency_ms)}
          </div>
        </div>
      )}
    </section>
  );
}
