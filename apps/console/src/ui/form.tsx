'use client';
/**
 * What every form around one mutation repeats: submitting without a page load, the request field
 * the server blamed (`param`, to mark its Field), and the error note above the submit button.
 */
import type { FormEvent, ReactNode } from 'react';
import { errorInfo } from '@/lib/api-error';
import { ErrorNote } from './states';

export function useSubmit(mutation: { mutate: () => void; error: unknown }): { param: string | null; onSubmit: (e: FormEvent) => void } {
  return {
    param: mutation.error ? errorInfo(mutation.error).param : null,
    onSubmit: (e) => {
      e.preventDefault();
      mutation.mutate();
    },
  };
}

/** The mutation's error (titled), `children` (e.g. what the last submit did), then the submit button. */
export function SubmitRow({
  mutation,
  label,
  pendingLabel,
  errorTitle,
  disabled,
  children,
}: {
  mutation: { isPending: boolean; error: unknown };
  label: string;
  pendingLabel: string;
  errorTitle: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {mutation.error ? <ErrorNote error={mutation.error} title={errorTitle} /> : null}
      {children}
      <div>
        <button type="submit" className="primary" disabled={mutation.isPending || disabled}>
          {mutation.isPending ? pendingLabel : label}
        </button>
      </div>
    </>
  );
}
