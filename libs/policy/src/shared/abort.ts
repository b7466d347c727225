/** The error to reject with when `signal` aborts: its reason when that is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(reason === undefined ? 'This operation was aborted' : String(reason), 'AbortError');
}
