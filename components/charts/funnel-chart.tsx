// The attrition funnel: each step a bar as wide as its share of the reported cases.

/** Light fills, so the dark labels on them keep their contrast. */
const FILLS = ['#9ecae1', '#b3d3ea', '#c6dbef', '#dbe9f6'];

export type FunnelStepView = { label: string; value: number | null; valueText: string; share: number | null };

export function FunnelChart({ title, steps }: { title: string; steps: FunnelStepView[] }) {
  const width = 560;
  const rowHeight = 34;
  const height = steps.length * rowHeight + 4;
  const max = Math.max(1, steps[0]?.value ?? 1);
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-2xl">
      <title>{title}</title>
      {steps.map((s, i) => {
        const w = s.value === null ? 0 : Math.max(2, ((width - 20) * s.value) / max);
        const x = (width - w) / 2;
        const y = i * rowHeight + 2;
        return (
          <g key={s.label}>
            <rect x={x} y={y} width={w} height={rowHeight - 6} fill={FILLS[i % FILLS.length]} />
            <text x={width / 2} y={y + 18} textAnchor="middle" fontSize="12" fill="#0f172a">
              {s.label}: {s.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
