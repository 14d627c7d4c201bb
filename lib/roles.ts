// Shared by the schema (the pgEnum), the policy and the forms; no server code, so the client may import it.
export const ROLES = [
  'admin',
  'national_coordinator',
  'national_analyst',
  'county_coordinator',
  'county_staff',
  'regional_coordinator',
] as const;
export type Role = (typeof ROLES)[number];

export const COUNTY_ROLES = ['county_coordinator', 'county_staff'] as const satisfies readonly Role[];

export function isCountyRole(role: Role): boolean {
  return (COUNTY_ROLES as readonly Role[]).includes(role);
}

/** Roles whose scope is the counties of one police region (users.police_region). */
export const REGIONAL_ROLES = ['regional_coordinator'] as const satisfies readonly Role[];

export function isRegionalRole(role: Role): boolean {
  return (REGIONAL_ROLES as readonly Role[]).includes(role);
}
