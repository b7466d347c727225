'use client';
import type { TStepLabelValue } from '@prmbas/contracts';
import { LABEL_KEYS } from './label-keys';

export function LabelButtons({ value, onChange }: { value: TStepLabelValue | null; onChange: (l: TStepLabelValue) => void }) {
  return (
    <div className="label-buttons" role="radiogroup" aria-label="Label">
      {LABEL_KEYS.map((k) => (
        <button
          key={k.label}
          type="button"
          role="radio"
          aria-checked={value === k.label}
          className={`${k.tone === 'bad' ? 'danger' : ''} ${value === k.label ? 'chosen' : ''}`}
          onClick={() => onChange(k.label)}
          style={value === k.label ? { background: k.tone === 'good' ? 'var(--good-soft)' : k.tone === 'bad' ? 'var(--bad-soft)' : 'var(--neutral-soft)' } : undefined}
        >
          <span className="kbd">{k.key}</span> {k.text}
        </button>
      ))}
    </div>
  );
}
