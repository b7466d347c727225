/**
 * Why a running job was told to stop (the reason of its AbortSignal):
 *   cancel   — someone cancelled it: record `cancelled`;
 *   shutdown — this worker is stopping: hand the job back (it is offered again, and resumes);
 *   lost     — another attempt owns it now (this worker was presumed dead): write nothing more.
 */
export type StopKind = 'cancel' | 'shutdown' | 'lost';

export class JobStop extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
    this.name = 'JobStop';
  }
}

export function stopOf(signal: AbortSignal): JobStop | null {
  return signal.aborted && signal.reason instanceof JobStop ? signal.reason : null;
}
