/**
 * Test double: wraps a policy, adds latency and records how calls overlapped, so tests can check
 * concurrency without relying on wall-clock timing.
 */
import type { Policy, Proposal, ProposeRequest } from '../types';

export class InstrumentedPolicy implements Policy {
  readonly name: string;
  inFlight = 0;
  peak = 0;
  /** Peak in-flight calls per depth (= number of steps in the state). */
  readonly peakByDepth = new Map<number, number>();
  /** Times in-flight went from 0 to 1: one per sequential wave of calls. */
  waves = 0;
  /** Seeds of the calls in completion order. */
  readonly completions: number[] = [];

  constructor(
    private readonly inner: Policy,
    private readonly latency: (request: ProposeRequest) => number,
  ) {
    this.name = `instrumented(${inner.name})`;
  }

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    if (this.inFlight === 0) this.waves++;
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    const depth = request.steps.length;
    this.peakByDepth.set(depth, Math.max(this.peakByDepth.get(depth) ?? 0, this.inFlight));
    try {
      await delay(this.latency(request), request.signal);
      return await this.inner.propose(request);
    } finally {
      this.inFlight--;
      this.completions.push(request.seed);
    }
  }
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
