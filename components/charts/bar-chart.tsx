// Horizontal bars, drawn on the server as SVG: no script, prints as it shows. The chart is a
// picture of the table beside it (which is its text alternative); hidden values get no bar.

export type Bar = { label: string; value: number | null; previous?: number | null; valueText: string };

export function BarChart({ title, bars, previousLabel }: { title: string; bars: Bar[]; previousLabel?: string }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value ?? 0, b.previous ?? 0]));
  const rowHeight = previousLabel ? 30 : 22;
  const labelWidth = 190;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  const height = bars.length * rowHeight + 8;
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-2xl"
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * rowHeight + 4;
        const w = b.value === null ? 0 : (b.value / max) * barWidth;
        const pw = b.previous === null || b.previous === undefined ? 0 : (b.previous / max) * barWidth;
        return (
          <g key={b.label}>
            <text x={labelWidth - 6} y={y + 12} textAnchor="end" fontSize="11" fill="#1e293b">
              {b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label}
            </text>
            <rect x={labelWidth} y={y + 2} width={Math.max(w, b.value ? 1 : 0)} height={13} fill="#1f4e79" />
            {previousLabel ? (
              <rect x={labelWidth} y={y + 17} width={Math.max(pw, b.previous ? 1 : 0)} height={6} fill="#94a3b8" />
            ) : null}
            <text x={labelWidth + w + 4} y={y + 13} fontSize="11" fill="#1e293b">
              {b.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
