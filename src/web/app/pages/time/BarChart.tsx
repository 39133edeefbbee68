import { useEffect, useRef, useState } from 'react';

/**
 * A horizontal bar chart in inline SVG (no chart library): one bar per row, the value at its end. The
 * numbers are also in a visually hidden table, so screen readers get the data, not a picture.
 */
export function BarChart({
  title,
  rows,
  format,
}: {
  title: string;
  rows: { label: string; value: number }[];
  format: (value: number) => string;
}) {
  // The SVG is drawn at the width it is shown at, so that its text keeps its size on a phone.
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => {
      const w = Math.round(e?.contentRect.width ?? 0);
      if (w > 0) setWidth(Math.min(720, w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const labelWidth = Math.min(180, Math.round(width * 0.36));
  const valueWidth = 64;
  const bar = 22;
  const gap = 10;
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const height = rows.length * (bar + gap) + gap;
  const span = Math.max(20, width - labelWidth - valueWidth);
  const chars = Math.max(8, Math.floor(labelWidth / 7.2));
  const clip = (text: string) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);
  return (
    <figure style={{ margin: 0 }} ref={box}>
      <svg
        className="bar-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((r, i) => {
          const y = gap + i * (bar + gap);
          const w = Math.max(1, (r.value / max) * span);
          return (
            <g key={`${r.label}-${i}`}>
              <text x={labelWidth - 8} y={y + bar / 2} dominantBaseline="middle" textAnchor="end">
                <title>{r.label}</title>
                {clip(r.label)}
              </text>
              <rect x={labelWidth} y={y} width={w} height={bar} rx={3} />
              <text x={labelWidth + w + 6} y={y + bar / 2} dominantBaseline="middle">
                {format(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td>{format(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
