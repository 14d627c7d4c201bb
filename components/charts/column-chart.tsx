// Columns over time (the trend), server-rendered SVG; the table beside it is its text alternative.

export type Column = { label: string; value: number | null; valueText: string };

export function ColumnChart({
  title,
  columns,
  hiddenLabel,
}: {
  title: string;
  columns: Column[];
  hiddenLabel: string;
}) {
  const max = Math.max(1, ...columns.map((c) => c.value ?? 0));
  const width = 640;
  const height = 200;
  const top = 16;
  const bottom = 34;
  const left = 8;
  const slot = (width - left * 2) / Math.max(1, columns.length);
  const every = Math.ceil(columns.length / 16);
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-3xl">
      <title>{title}</title>
      <line x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} stroke="#64748b" />
      {columns.map((c, i) => {
        const h = c.value === null ? 0 : ((height - top - bottom) * c.value) / max;
        const x = left + i * slot + slot * 0.15;
        const w = slot * 0.7;
        return (
          <g key={`${c.label}-${i}`}>
            {c.value === null ? (
              <text x={x + w / 2} y={height - bottom - 4} textAnchor="middle" fontSize="10" fill="#475569">
                {hiddenLabel}
              </text>
            ) : (
              <rect x={x} y={height - bottom - h} width={w} height={h} fill="#1f4e79" />
            )}
            {i % every === 0 ? (
              <text x={x + w / 2} y={height - bottom + 14} textAnchor="middle" fontSize="10" fill="#1e293b">
                {c.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
