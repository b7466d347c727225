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

/** `<option>`s whose value is their text (roles, strategies, aliases). */
export function Options({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((v) => (
        <option key={v}>{v}</option>
      ))}
    </>
  );
}

/** `<option>`s of named things (datasets, deployments) by id; none while their list loads. */
export function NamedOptions({ items }: { items: ReadonlyArray<{ id: string; name: string }> | undefined }) {
  return (
    <>
      {items?.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}
