'use client';
// The 21 counties (@svg-maps/sweden, CC BY 4.0), coloured by a measure. Every county is a
// button in the tab order whose name carries its figure ("Stockholms län: 1 234 anmälningar");
// choosing one (Enter, Space or a click) shows its figures below the map, with a link to its
// dashboard where the viewer may open it. The table below the map is the same data as text.
import sweden from '@svg-maps/sweden';
import Link from 'next/link';
import { useState } from 'react';
import { MAP_COLOURS } from './map-colours';

export type MapCounty = {
  svgId: string;
  name: string;
  /** What is read out and shown: "1 234 anmälningar", "färre än 5", "uppgiften skyddas". */
  figureText: string;
  /** Colour class 0–4, or null when the figure is hidden. */
  colourClass: number | null;
  href: string | null;
};

export function SwedenMap({
  label,
  counties,
  legend,
  hiddenLegend,
  openLabel,
  chooseHint,
}: {
  label: string;
  counties: MapCounty[];
  legend: string[];
  hiddenLegend: string;
  openLabel: string;
  chooseHint: string;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const byId = new Map(counties.map((c) => [c.svgId, c]));
  const chosen = selected ? byId.get(selected) : undefined;
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,22rem)_1fr]">
      <svg role="group" aria-label={label} viewBox={sweden.viewBox} className="h-auto w-full max-w-sm">
        <defs>
          <pattern id="map-hidden" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f1f5f9" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" strokeWidth="2" />
          </pattern>
        </defs>
        {sweden.locations.map((location) => {
          const county = byId.get(location.id);
          if (!county) return null;
          const fill = county.colourClass === null ? 'url(#map-hidden)' : MAP_COLOURS[county.colourClass];
          const choose = () => setSelected(location.id);
          return (
            <path
              key={location.id}
              d={location.path}
              role="button"
              tabIndex={0}
              aria-label={`${county.name}: ${county.figureText}`}
              aria-pressed={selected === location.id}
              data-county={location.id}
              fill={fill}
              stroke={selected === location.id ? '#b45309' : '#1e293b'}
              strokeWidth={selected === location.id ? 3 : 0.8}
              className="cursor-pointer outline-none focus-visible:[stroke:#b45309] focus-visible:[stroke-width:3]"
              onClick={choose}
              onFocus={choose}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  choose();
                }
              }}
            >
              <title>{`${county.name}: ${county.figureText}`}</title>
            </path>
          );
        })}
      </svg>
      <div>
        <div aria-live="polite" className="min-h-16 rounded border border-slate-300 p-3">
          {chosen ? (
            <>
              <p className="font-semibold">{chosen.name}</p>
              <p>{chosen.figureText}</p>
              {chosen.href ? (
                <Link href={chosen.href} className="font-medium text-brand-700 underline">
                  {openLabel}
                </Link>
              ) : null}
            </>
          ) : (
            <p className="text-slate-700">{chooseHint}</p>
          )}
        </div>
        <ul className="mt-4 space-y-1 text-sm">
          {legend.map((text, i) => (
            <li key={text} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block h-4 w-6 border border-slate-500"
                style={{ background: MAP_COLOURS[i] }}
              />
              {text}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block h-4 w-6 border border-slate-500"
              style={{ background: 'repeating-linear-gradient(45deg,#f1f5f9 0 3px,#64748b 3px 5px)' }}
            />
            {hiddenLegend}
          </li>
        </ul>
      </div>
    </div>
  );
}
