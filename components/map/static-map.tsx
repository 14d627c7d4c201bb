// The county map for print: plain SVG without script, coloured as on screen. The table beside it
// carries the same figures as text.
import sweden from '@svg-maps/sweden';
import { MAP_COLOURS } from './map-colours';

export function StaticMap({ title, colours }: { title: string; colours: Record<string, number | null> }) {
  return (
    <svg role="img" aria-label={title} viewBox={sweden.viewBox} className="h-auto w-full max-w-[14rem]">
      <title>{title}</title>
      <defs>
        <pattern
          id="static-map-hidden"
          patternUnits="userSpaceOnUse"
          width="6"
          height="6"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#f1f5f9" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" strokeWidth="2" />
        </pattern>
      </defs>
      {sweden.locations.map((l) => {
        const c = colours[l.id];
        return (
          <path
            key={l.id}
            d={l.path}
            fill={c === null || c === undefined ? 'url(#static-map-hidden)' : MAP_COLOURS[c]}
            stroke="#1e293b"
            strokeWidth={0.8}
          />
        );
      })}
    </svg>
  );
}
