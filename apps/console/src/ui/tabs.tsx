'use client';

/** A tab row; `tabs` maps each id to its label, in display order. */
export function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: Record<T, string>; value: T; onChange: (id: T) => void; label: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {(Object.entries(tabs) as Array<[T, string]>).map(([id, text]) => (
        <button key={id} type="button" role="tab" aria-selected={id === value} onClick={() => onChange(id)}>
          {text}
        </button>
      ))}
    </div>
  );
}
