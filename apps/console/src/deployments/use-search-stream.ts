'use client';
/**
 * Runs one streamed question and turns its events into a growing tree. Events are shown at a
 * readable pace (one every ~120 ms) when they arrive faster (the simulated policy answers in
 * microseconds), so the tree visibly grows depth by depth; the answer appears once every event
 * has been drawn.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyEvent, emptyTree, type SearchEventView, type TreeView } from '@/search-tree/tree-model';
import { streamChat, type ChatQuestion, type FinishedOutcome } from './chat-stream';

export type RunPhase = 'idle' | 'waiting' | 'searching' | 'answered' | 'failed';

export interface SearchRunState {
  phase: RunPhase;
  traceId: string | null;
  tree: TreeView;
  events: number;
  depth: number | null;
  content: string;
  outcome: FinishedOutcome | null;
  finishReason: string | null;
  error: unknown;
}

const IDLE: SearchRunState = { phase: 'idle', traceId: null, tree: emptyTree(), events: 0, depth: null, content: '', outcome: null, finishReason: null, error: null };
const PACE_MS = 120;

export function useSearchStream(animate: boolean) {
  const [state, setState] = useState<SearchRunState>(IDLE);
  const queue = useRef<SearchEventView[]>([]);
  const pending = useRef<{ content: string; outcome: FinishedOutcome | null; finishReason: string | null; done: boolean }>({ content: '', outcome: null, finishReason: null, done: false });
  const abort = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  // Takes events off the queue here, not inside the state updater: React may run an updater twice.
  const drain = useCallback((all: boolean) => {
    const batch = queue.current.splice(0, all ? queue.current.length : 1);
    const p = pending.current;
    const finished = p.done && queue.current.length === 0;
    if (batch.length === 0 && !finished) return;
    setState((s) => {
      if (s.phase !== 'searching' && s.phase !== 'waiting') return s;
      let tree = s.tree;
      for (const event of batch) tree = applyEvent(tree, event);
      const next = { ...s, tree, events: s.events + batch.length, depth: batch.length ? batch[batch.length - 1]!.depth : s.depth };
      return finished ? { ...next, phase: 'answered' as const, content: p.content, outcome: p.outcome, finishReason: p.finishReason } : next;
    });
  }, []);

  const stop = useCallback(() => {
    abort.current?.abort();
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const ask = useCallback(
    async (question: ChatQuestion) => {
      stop();
      queue.current = [];
      pending.current = { content: '', outcome: null, finishReason: null, done: false };
      const controller = new AbortController();
      abort.current = controller;
      setState({ ...IDLE, phase: 'waiting' });
      timer.current = setInterval(() => drain(!animate), animate ? PACE_MS : 50);
      try {
        await streamChat(
          question,
          {
            onStarted: (traceId) => setState((s) => ({ ...s, traceId, phase: 'searching' })),
            onEvent: (event) => queue.current.push(event),
            onContent: (text) => (pending.current.content += text),
            onFinished: (outcome, finishReason) => Object.assign(pending.current, { outcome, finishReason }),
          },
          controller.signal,
        );
        pending.current.done = true;
      } catch (error) {
        if (controller.signal.aborted) return;
        if (timer.current) clearInterval(timer.current);
        queue.current = [];
        setState((s) => ({ ...s, phase: 'failed', error }));
      }
    },
    [animate, drain, stop],
  );

  // Stop the ticker once the answer is shown.
  useEffect(() => {
    if ((state.phase === 'answered' || state.phase === 'failed') && timer.current) {
      clearInterval(timer.current);
      timer.current = null;
    }
  }, [state.phase]);

  return { state, ask, stop };
}
