/** A labelled form field; `invalid` marks the field the server named in its error (`param`). */
import type { ReactNode } from 'react';

export function Field({ label, hint, invalid, children }: { label: ReactNode; hint?: ReactNode; invalid?: boolean; children: ReactNode }) {
  return (
    <label className={`field${invalid ? ' invalid' : ''}`}>
      <span>
        {label} {hint && <span className="hint">{hint}</span>}
      </span>
      {children}
    </label>
  );
}
