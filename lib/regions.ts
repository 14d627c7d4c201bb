// The seven police regions and the one scope vocabulary of every route (README: "Scopes").
// Pure: the schema's enum, the policy, the pages, the API and the command line share it.

/** The police regions (since 2015), as the counties table names them. */
export const POLICE_REGIONS = ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'] as const;
export type PoliceRegion = (typeof POLICE_REGIONS)[number];

/** A name as compared: case-insensitive, å/ä as a and ö as o (URLs and terminals without them). */
function folded(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o');
}

/** The region a person or a URL names ('Syd', 'syd', 'Ost' for Öst), or null. */
export function regionByName(name: string): PoliceRegion | null {
  const key = folded(name);
  return POLICE_REGIONS.find((r) => folded(r) === key) ?? null;
}

/** How a region is written in a URL: lower case without å/ä/ö ('ost' for Öst). */
export function regionSlug(region: PoliceRegion): string {
  return folded(region);
}

/** The nation, a county (two-digit code) or a police region. */
export type ScopeRef = { kind: 'nation' } | { kind: 'county'; code: string } | { kind: 'region'; region: PoliceRegion };

/**
 * `SE`, a two-digit county code or a region name, as /overview/<scope>, /report?scope=<scope>
 * and the command line write it; null for anything else. Whether a county code exists is the
 * counties table's to say.
 */
export function parseScope(raw: string): ScopeRef | null {
  const value = raw.trim();
  if (value.toUpperCase() === 'SE') return { kind: 'nation' };
  if (/^\d{2}$/.test(value)) return { kind: 'county', code: value };
  const region = regionByName(value);
  return region ? { kind: 'region', region } : null;
}

/** A URL's path segment read as a scope: decoded once if it still is encoded ('%C3%96st'), never throwing. */
export function parseScopeSegment(segment: string): ScopeRef | null {
  let value = segment;
  try {
    value = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return parseScope(value);
}

/** The scope as a URL writes it: 'SE', '12', 'syd'. */
export function scopeParam(scope: ScopeRef): string {
  if (scope.kind === 'nation') return 'SE';
  if (scope.kind === 'county') return scope.code;
  return regionSlug(scope.region);
}
