import type { StrategySummary } from './bench-report';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** A plain-text table of strategy rows: counters are per question, wall time for the suite. */
export function formatBenchTable(rows: readonly StrategySummary[]): string {
  const header = ['strategy', 'accuracy', '95% CI', 'policy calls/q', 'gen. steps/q', 'PRM steps/q', 'scorer calls/q', 'wall'];
  const body = rows.map((r) => [
    r.errors > 0 ? `${r.name} (${r.errors} errors)` : r.name,
    `${pct(r.accuracy)} (${r.correct}/${r.total})`,
    `${pct(r.ci95[0])}–${pct(r.ci95[1])}`,
    num(r.perQuestion.policyCalls),
    num(r.perQuestion.generatedSteps),
    num(r.perQuestion.prmScoredSteps),
    num(r.perQuestion.scorerPolicyCalls),
    `${(r.wallMs / 1000).toFixed(1)}s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}
