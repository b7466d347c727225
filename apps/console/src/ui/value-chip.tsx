/**
 * Monte-Carlo values and PRM scores in [0, 1], colour-coded on one red → amber → green scale so a
 * weak step stands out wherever it is shown (dataset steps, search trees, annotation).
 */

export function valueColor(value: number): string {
  const v = Math.max(0, Math.min(1, value));
  // Hue 4 (red) → 45 (amber) → 140 (green).
  const hue = v < 0.5 ? 4 + (45 - 4) * (v / 0.5) : 45 + (140 - 45) * ((v - 0.5) / 0.5);
  return `hsl(${hue.toFixed(0)} 70% 42%)`;
}

export function valueBackground(value: number): string {
  const v = Math.max(0, Math.min(1, value));
  const hue = v < 0.5 ? 4 + (45 - 4) * (v / 0.5) : 45 + (140 - 45) * ((v - 0.5) / 0.5);
  return `hsl(${hue.toFixed(0)} 75% 92%)`;
}

export function ValueChip({ value, title }: { value: number | null | undefined; title?: string }) {
  if (value === null || value === undefined) return <span className="value-chip faint" title={title ?? 'no score'}>–</span>;
  return (
    <span className="value-chip" title={title} style={{ color: valueColor(value), background: valueBackground(value) }}>
      {value.toFixed(2)}
    </span>
  );
}

export function ValueLegend({ what = 'value' }: { what?: string }) {
  return (
    <div className="value-legend">
      <span>{what}:</span>
      <ValueChip value={0} /> <ValueChip value={0.25} /> <ValueChip value={0.5} /> <ValueChip value={0.75} /> <ValueChip value={1} />
    </div>
  );
}
