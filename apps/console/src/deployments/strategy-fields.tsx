'use client';
/** The search strategy and its knobs, prefilled with the search library's defaults. */
import { fieldSetter } from '@/lib/form-values';
import { Field, Options } from '@/ui/field';
import { previewWidths, STRATEGIES, STRATEGY_LABELS, type StrategyForm } from './strategy-defaults';

export function StrategyFields({ value, onChange, invalidParam }: { value: StrategyForm; onChange: (v: StrategyForm) => void; invalidParam: string | null }) {
  const set = fieldSetter(value, onChange);
  const bad = (f: string) => invalidParam !== null && (invalidParam.endsWith(`.${f}`) || invalidParam === f);
  const s = value.strategy;
  const widths = previewWidths(value);
  const num = (key: keyof StrategyForm, label: string, hint?: string, step = '1') => (
    <Field label={label} hint={hint} invalid={bad(key === 'scheduleKind' ? 'kind' : key)}>
      <input type="number" step={step} min={0} value={value[key] as string} onChange={(e) => set(key, e.target.value as never)} name={`strategy-${key}`} />
    </Field>
  );
  return (
    <fieldset>
      <legend>Strategy</legend>
      <div className="form-grid">
        <Field label="Search" invalid={bad('strategy')}>
          <select value={s} onChange={(e) => set('strategy', e.target.value as StrategyForm['strategy'])} name="strategy">
            {STRATEGIES.map((name) => (
              <option key={name} value={name}>
                {STRATEGY_LABELS[name]}
              </option>
            ))}
          </select>
        </Field>
        {num('maxDepth', 'Max depth', 'steps')}
        {s !== 'greedy' && num('temperature', 'Temperature', undefined, '0.1')}
        {(s === 'prm-bas' || s === 'beam') && num('k', 'k', 'candidates per beam')}
        {s === 'beam' && num('width', 'Width')}
        {(s === 'self-consistency' || s === 'best-of-n' || s === 'dvts') && num('n', 'N', s === 'dvts' ? 'candidates per depth' : 'samples')}
        {s === 'dvts' && num('m', 'm', 'per subtree')}
        {(s === 'prm-bas' || s === 'beam' || s === 'dvts' || s === 'best-of-n') && (
          <Field label="Aggregation" hint="of step scores" invalid={bad('aggregation')}>
            <select value={value.aggregation} onChange={(e) => set('aggregation', e.target.value as StrategyForm['aggregation'])}>
              <Options values={['last', 'min', 'prod', 'mean']} />
            </select>
          </Field>
        )}
      </div>
      {s === 'prm-bas' && (
        <div className="form-grid" style={{ marginTop: 12 }}>
          <Field label="Schedule" invalid={bad('kind')}>
            <select value={value.scheduleKind} onChange={(e) => set('scheduleKind', e.target.value as StrategyForm['scheduleKind'])} name="scheduleKind">
              <option value="linear">linear (b0 − t·δ)</option>
              <option value="exponential">exponential (b0·γ^t)</option>
              <option value="adaptive">adaptive (shrink when confident)</option>
            </select>
          </Field>
          {num('b0', 'b0', 'initial beam')}
          {num('bMin', 'b min', 'floor')}
          {value.scheduleKind !== 'exponential' && num('delta', 'δ', 'beams per depth')}
          {value.scheduleKind === 'exponential' && num('gamma', 'γ', 'ratio', '0.05')}
          {value.scheduleKind === 'adaptive' && num('threshold', 'Threshold', 'score spread', '0.05')}
        </div>
      )}
      {widths && <p className="small muted" style={{ marginTop: 8 }}>Beam widths by depth: {widths.join(' → ')}</p>}
    </fieldset>
  );
}
