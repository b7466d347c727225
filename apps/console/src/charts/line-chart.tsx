'use client';
/**
 * Lines over a shared x axis (training steps, compute), in plain SVG: axes, grid, legend and a
 * hover readout of every series at the nearest x. Points may be sparse per series (eval every N
 * steps) and series may be empty while a run starts.
 */
import { useState, type MouseEvent } from 'react';
import { extent, linearScale, logScale, PALETTE, tickLabel } from './scales';

export interface ChartSeries {
  name: string;
  color?: string;
  /** `lo`/`hi`: an interval drawn as a whisker (e.g. a 95% CI). */
  points: Array<{ x: number; y: number; lo?: number; hi?: number }>;
  /** Draw markers at the points (few points, e.g. an evaluation's budgets). */
  markers?: boolean;
  dashed?: boolean;
}

const W = 640;
const M = { top: 12, right: 16, bottom: 34, left: 52 };

export function LineChart({
  series,
  height = 240,
  xLabel,
  yLabel,
  yDomain,
  xLog,
  title,
}: {
  series: ChartSeries[];
  height?: number;
  xLabel?: string;
  yLabel?: string;
  yDomain?: [number, number];
  xLog?: boolean;
  title?: string;
}) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const colored = series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length]! }));
  const all = colored.flatMap((s) => s.points);
  const xs = extent(all.map((p) => p.x), [0, 1]);
  const ys = yDomain ?? extent(all.map((p) => p.y), [0, 1]);
  const x = xLog ? logScale(xs, [M.left, W - M.right]) : linearScale(xs, [M.left, W - M.right], 6);
  const y = linearScale(ys, [height - M.bottom, M.top], 5, yDomain === undefined);

  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    let best: number | null = null;
    for (const p of all) if (best === null || Math.abs(x(p.x) - px) < Math.abs(x(best) - px)) best = p.x;
    setHoverX(best);
  };
  const readout = hoverX === null ? [] : colored.map((s) => ({ name: s.name, color: s.color, point: s.points.find((p) => p.x === hoverX) })).filter((r) => r.point);

  return (
    <figure className="stack" style={{ margin: 0, gap: 6 }}>
      {title && <figcaption className="small" style={{ fontWeight: 600 }}>{title}</figcaption>}
      <svg className="chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={title ?? yLabel ?? 'chart'} onMouseMove={all.length ? onMove : undefined} onMouseLeave={() => setHoverX(null)}>
        <g className="grid">
          {y.ticks.map((t) => (
            <line key={`gy${t}`} x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        <g className="axis">
          <line x1={M.left} x2={W - M.right} y1={height - M.bottom} y2={height - M.bottom} />
          <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} />
          {x.ticks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={height - M.bottom + 14} textAnchor="middle">
              {tickLabel(t)}
            </text>
          ))}
          {y.ticks.map((t) => (
            <text key={`y${t}`} x={M.left - 6} y={y(t) + 3.5} textAnchor="end">
              {tickLabel(t)}
            </text>
          ))}
          {xLabel && (
            <text x={(M.left + W - M.right) / 2} y={height - 4} textAnchor="middle">
              {xLabel}
            </text>
          )}
          {yLabel && (
            <text transform={`translate(12 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
              {yLabel}
            </text>
          )}
        </g>
        {all.length === 0 && (
          <text x={W / 2} y={height / 2} textAnchor="middle">
            no points yet
          </text>
        )}
        {colored.map((s) => {
          const sorted = [...s.points].sort((a, b) => a.x - b.x);
          return (
            <g key={s.name}>
              {sorted.length > 1 && (
                <polyline
                  fill="none"
                  stroke={s.color}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '5 4' : undefined}
                  points={sorted.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ')}
                />
              )}
              {sorted
                .filter((p) => p.lo !== undefined && p.hi !== undefined)
                .map((p) => (
                  <line key={`ci${p.x}`} x1={x(p.x)} x2={x(p.x)} y1={y(p.lo!)} y2={y(p.hi!)} stroke={s.color} strokeWidth={1.5} opacity={0.45} />
                ))}
              {(s.markers || sorted.length === 1) &&
                sorted.map((p) => <circle key={`${p.x}:${p.y}`} cx={x(p.x)} cy={y(p.y)} r={3.5} fill={s.color} stroke="#fff" strokeWidth={1} />)}
            </g>
          );
        })}
        {hoverX !== null && <line x1={x(hoverX)} x2={x(hoverX)} y1={M.top} y2={height - M.bottom} stroke="#94a3b8" strokeDasharray="3 3" />}
      </svg>
      <div className="legend">
        {colored.map((s) => {
          const r = readout.find((q) => q.name === s.name);
          return (
            <span key={s.name}>
              <i style={{ background: s.color }} />
              {s.name}
              {r?.point && <strong style={{ color: 'var(--ink)' }}> {tickLabel(r.point.y)}</strong>}
            </span>
          );
        })}
        {hoverX !== null && <span className="faint">at {xLabel ?? 'x'} {tickLabel(hoverX)}</span>}
      </div>
    </figure>
  );
}
