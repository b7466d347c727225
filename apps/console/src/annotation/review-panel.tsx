'use client';
/**
 * The review loop: take the next item (locked to you), label it, submit, and the next one comes.
 * Shortcuts are listed on screen; they work whenever the focus is not in a text field.
 */
import type { TAnnotationItem, TAnnotationQueue, TStepLabelValue } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { useSession } from '@/auth/session';
import { trpc } from '@/lib/trpc';
import { ErrorNote } from '@/ui/states';
import { ACTION_KEYS, isTyping, LABEL_KEYS } from './label-keys';
import { LockNote } from './lock-note';
import { StepReview } from './step-review';
import { solutionNodes, TraceReview } from './trace-review';

/** The keys of the other actions, as shown (ACTION_KEYS has what they match). */
const ACTION_HINTS = [
  ['Enter', 'submit'],
  ['S', 'skip'],
  ['C', 'comment'],
  ['Esc', 'release'],
] as const;

function Shortcuts({ trace }: { trace: boolean }) {
  return (
    <div className="row small muted" aria-label="Keyboard shortcuts" data-testid="shortcuts">
      {LABEL_KEYS.map((k) => (
        <span key={k.key}>
          <span className="kbd">{k.key}</span> {k.label}
        </span>
      ))}
      {trace && (
        <span>
          <span className="kbd">↑</span>/<span className="kbd">↓</span> step
        </span>
      )}
      {ACTION_HINTS.map(([key, action]) => (
        <span key={key}>
          <span className="kbd">{key}</span> {action}
        </span>
      ))}
    </div>
  );
}

export function ReviewPanel({ queue }: { queue: TAnnotationQueue }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [item, setItem] = useState<TAnnotationItem | null>(null);
  const [finished, setFinished] = useState(false);
  const [label, setLabel] = useState<TStepLabelValue | null>(null);
  const [nodeLabels, setNodeLabels] = useState<Record<number, TStepLabelValue>>({});
  const [focus, setFocus] = useState(0);
  const [answerCorrect, setAnswerCorrect] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: ['annotations.getQueue', queue.id] });
    void client.invalidateQueries({ queryKey: ['annotations.findItems'] });
    void client.invalidateQueries({ queryKey: ['annotations.findQueues'] });
  }, [client, queue.id]);

  const show = (next: TAnnotationItem | null) => {
    // Shortcuts must work on the next item at once: leave the comment field.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setItem(next);
    setFinished(next === null);
    setLabel(null);
    setNodeLabels({});
    setFocus(0);
    setAnswerCorrect(null);
    setComment('');
    refresh();
  };

  const next = useMutation({ mutationFn: () => trpc.annotations.next.mutate({ queueId: queue.id }), onSuccess: (r) => show(r.item) });
  const submit = useMutation({
    mutationFn: () => {
      const note = comment.trim() || undefined;
      if (item!.kind === 'step') return trpc.annotations.submit.mutate({ itemId: item!.id, labels: [{ label: label!, ...(note ? { comment: note } : {}) }] });
      return trpc.annotations.submit.mutate({
        itemId: item!.id,
        labels: Object.entries(nodeLabels).map(([nodeId, l]) => ({ nodeId: Number(nodeId), label: l })),
        ...(answerCorrect !== null ? { answerCorrect } : {}),
        ...(note ? { note } : {}),
      });
    },
    onSuccess: (done) => {
      setSaved(`Saved: ${done.kind === 'step' ? done.labels[0]?.label : `${done.labels.length} labels`}.`);
      next.mutate();
    },
  });
  const skip = useMutation({ mutationFn: () => trpc.annotations.skip.mutate({ itemId: item!.id }), onSuccess: () => next.mutate() });
  const release = useMutation({ mutationFn: () => trpc.annotations.release.mutate({ itemId: item!.id }), onSuccess: () => show(null) });

  const busy = next.isPending || submit.isPending || skip.isPending || release.isPending;
  const canSubmit = item !== null && !busy && (item.kind === 'step' ? label !== null : Object.keys(nodeLabels).length > 0);
  const nodes = item?.kind === 'trace' ? solutionNodes(item) : [];

  // Keyboard: read the latest state through a ref so the listener is attached once.
  const latest = useRef({ item, canSubmit, nodes, focus, busy });
  latest.current = { item, canSubmit, nodes, focus, busy };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = latest.current;
      if (!s.item || e.altKey) return;
      if (isTyping(e.target)) {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && s.canSubmit) {
          e.preventDefault();
          submit.mutate();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey) return;
      const mapped = LABEL_KEYS.find((k) => k.key === e.key);
      if (mapped) {
        e.preventDefault();
        if (s.item.kind === 'step') setLabel(mapped.label);
        else if (s.nodes[s.focus]) setNodeLabels((l) => ({ ...l, [s.nodes[s.focus]!.id]: mapped.label }));
        return;
      }
      // Enter on a focused button or link is that control's own click (e.g. Skip), not a submit.
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      if (e.key === ACTION_KEYS.submit && s.canSubmit && !onControl) return (e.preventDefault(), submit.mutate());
      if (e.key.toLowerCase() === ACTION_KEYS.skip && !s.busy) return (e.preventDefault(), skip.mutate());
      if (e.key === ACTION_KEYS.release && !s.busy) return (e.preventDefault(), release.mutate());
      if (e.key.toLowerCase() === ACTION_KEYS.comment) return (e.preventDefault(), commentRef.current?.focus());
      if (e.key === ACTION_KEYS.nextNode) return (e.preventDefault(), setFocus((f) => Math.min(f + 1, Math.max(0, s.nodes.length - 1))));
      if (e.key === ACTION_KEYS.previousNode) return (e.preventDefault(), setFocus((f) => Math.max(0, f - 1)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // The mutations' `mutate` functions are stable.
  }, [submit.mutate, skip.mutate, release.mutate]);

  const error = next.error ?? submit.error ?? skip.error ?? release.error;
  return (
    <section className="card stack-lg" aria-labelledby="review-title">
      <header>
        <h2 id="review-title">Review</h2>
        {item && <LockNote item={item} />}
      </header>
      <Shortcuts trace={queue.kind === 'traces'} />
      {error && <ErrorNote error={error} />}
      {saved && !error && <div className="small" style={{ color: 'var(--good)' }} role="status">{saved}</div>}
      {!item ? (
        <div className="stack" style={{ alignItems: 'flex-start' }}>
          {finished && next.isSuccess ? (
            <div className="note good">Nothing left to review in this queue. Thank you!</div>
          ) : (
            can('annotator') && <p className="muted">Take the next item: it is locked to you for {Math.round(queue.lockTtlSeconds / 60)} minutes.</p>
          )}
          <RequiresRole role="annotator">
            <button type="button" className="primary" onClick={() => next.mutate()} disabled={next.isPending}>
              {next.isPending ? 'Fetching…' : finished && next.isSuccess ? 'Check again' : 'Start reviewing'}
            </button>
          </RequiresRole>
        </div>
      ) : (
        <>
          {item.kind === 'step' ? (
            <StepReview item={item} label={label} onLabel={setLabel} />
          ) : (
            <TraceReview
              item={item}
              labels={nodeLabels}
              focus={focus}
              onFocus={setFocus}
              onLabel={(nodeId, l) => setNodeLabels((s) => ({ ...s, [nodeId]: l }))}
              answerCorrect={answerCorrect}
              onAnswerCorrect={setAnswerCorrect}
            />
          )}
          <label className="field">
            <span>
              Comment <span className="hint">optional · <span className="kbd">C</span> to focus, <span className="kbd">Ctrl</span>+<span className="kbd">Enter</span> to submit</span>
            </span>
            <textarea ref={commentRef} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} name="reviewComment" />
          </label>
          <div className="row">
            <button type="button" className="primary" disabled={!canSubmit} onClick={() => submit.mutate()}>
              <span className="kbd">Enter</span> {submit.isPending ? 'Saving…' : 'Submit and next'}
            </button>
            <button type="button" disabled={busy} onClick={() => skip.mutate()}>
              <span className="kbd">S</span> Skip
            </button>
            <button type="button" disabled={busy} onClick={() => release.mutate()}>
              <span className="kbd">Esc</span> Release
            </button>
          </div>
        </>
      )}
    </section>
  );
}
