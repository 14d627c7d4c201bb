import { describe, expect, it } from 'vitest';
import { ACTIONS, can, assertCan, countyScope, type Action, type Actor } from './policy';
import { ROLES, type Role } from './roles';

// The expected grants, written out by hand from the role descriptions (issue 2 and DOMAIN.md),
// independently of the GRANTS table in policy.ts. 'all' = every county, 'own' = own county only,
// '-' = nowhere.
type Expect = 'all' | 'own' | '-';
const EXPECTED: Record<Action, Record<Role, Expect>> = {
  //                          admin  national_coordinator national_analyst county_coordinator county_staff
  'case.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'case.create': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'case.update': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'case.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
  },
  'coordination.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'coordination.write': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'coordination.manage': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
  },
  'coordination.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
  },
  'training.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'training.write': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'training.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
  },
  'statistics.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
  },
  'statistics.read_suppressed': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: 'all',
    county_coordinator: 'all',
    county_staff: 'all',
  },
  'user.manage': {
    admin: 'all',
    national_coordinator: '-',
    national_analyst: '-',
    county_coordinator: '-',
    county_staff: '-',
  },
  'audit.read': {
    admin: 'all',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: '-',
    county_staff: '-',
  },
};

const HOME = '01';
const OTHER = '14';

function actorFor(role: Role): Actor {
  return { id: `actor-${role}`, role, county: role === 'county_coordinator' || role === 'county_staff' ? HOME : null };
}

describe('policy: every role × action × own/other county', () => {
  it('covers every action the policy knows', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  const cases = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action, expected: EXPECTED[action][role] })));

  it.each(cases)('$role · $action → $expected', ({ role, action, expected }) => {
    const actor = actorFor(role);
    expect(can(actor, action, HOME)).toBe(expected !== '-');
    expect(can(actor, action, OTHER)).toBe(expected === 'all');
    expect(can(actor, action)).toBe(expected !== '-');
    expect(can(actor, action, null)).toBe(expected === 'all');
    const scope = countyScope(actor, action);
    expect(scope).toEqual(expected === 'all' ? 'all' : expected === 'own' ? [HOME] : []);
    if (expected === 'all') expect(() => assertCan(actor, action, OTHER)).not.toThrow();
    else expect(() => assertCan(actor, action, OTHER)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('a county role without a county may do nothing county-scoped', () => {
    const broken: Actor = { id: 'x', role: 'county_staff', county: null };
    expect(can(broken, 'case.read')).toBe(false);
    expect(countyScope(broken, 'case.read')).toEqual([]);
  });
});
