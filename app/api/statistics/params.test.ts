import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/policy';
import { parseApiParams } from './params';

// The statistics API's scope parameters: county= or region= (one vocabulary with the pages), and
// each person's own scope when neither is given.
const TODAY = '2026-11-27';
const COUNTIES = ['01', '07', '08', '09', '10', '12', '14', '25'];
const national: Actor = { id: 'n', role: 'national_coordinator', county: null };
const county: Actor = { id: 'c', role: 'county_staff', county: '14' };
const regional: Actor = {
  id: 'r',
  role: 'regional_coordinator',
  county: null,
  region: { name: 'Syd', counties: ['07', '08', '10', '12'] },
};
const parse = (query: string, actor: Actor = national) =>
  parseApiParams(new URL(`http://x/api/statistics?from=2024-01-01&to=2024-12-31${query}`), actor, TODAY, COUNTIES);

describe('the statistics API names a region', () => {
  it.each([
    ['&region=Syd', 'Syd'],
    ['&region=syd', 'Syd'],
    ['&region=ost', 'Öst'],
    ['&region=%C3%96st', 'Öst'],
    ['&region=VAST', 'Väst'],
  ])('%s is %s', (query, region) => {
    expect(parse(query)).toMatchObject({ ok: true, params: { county: null, region } });
  });

  it('refuses an unknown region and a county with a region, by parameter', () => {
    expect(parse('&region=Sud')).toMatchObject({ ok: false, error: { status: 400, body: { parameter: 'region' } } });
    expect(parse('&region=Syd&county=12')).toMatchObject({
      ok: false,
      error: { status: 400, body: { parameter: 'region' } },
    });
  });

  it('without county or region: the nation, a county role its county, a regional coordinator its region', () => {
    expect(parse('')).toMatchObject({ ok: true, params: { county: null } });
    expect(parse('', national)).not.toMatchObject({ params: { region: expect.anything() } });
    expect(parse('', county)).toMatchObject({ ok: true, params: { county: '14' } });
    expect(parse('', regional)).toMatchObject({ ok: true, params: { county: null, region: 'Syd' } });
    expect(parse('&county=12', regional)).toMatchObject({ ok: true, params: { county: '12' } });
  });
});
