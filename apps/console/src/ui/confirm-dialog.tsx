'use client';
/**
 * A modal confirmation on the native <dialog> (focus trap, Escape and backdrop for free).
 * Destructive or shared-state changes (alias moves, revocations, freezes) go through it.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" onCancel={(e) => (e.preventDefault(), onCancel())} aria-labelledby="confirm-title">
      {open && (
        <div className="modal-body">
          <h2 id="confirm-title">{title}</h2>
          <div className="stack">{children}</div>
          <div className="modal-actions">
            <button type="button" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
            <button type="button" className={danger ? 'danger solid' : 'primary'} onClick={onConfirm} disabled={busy}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
