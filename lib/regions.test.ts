import { describe, expect, it } from 'vitest';
import { parseScope, POLICE_REGIONS, regionByName, regionSlug, scopeParam } from './regions';

describe('naming a police region', () => {
  it.each([
    ['Syd', 'Syd'],
    ['syd', 'Syd'],
    ['SYD', 'Syd'],
    ['Öst', 'Öst'],
    ['öst', 'Öst'],
    ['Ost', 'Öst'],
    ['ost', 'Öst'],
    ['Väst', 'Väst'],
    ['vast', 'Väst'],
    ['VAST', 'Väst'],
    ['Bergslagen', 'Bergslagen'],
    [' nord ', 'Nord'],
    ['stockholm', 'Stockholm'],
    // A decomposed ö (o + combining diaeresis), as some keyboards and URLs send it.
    ['O\u0308st', 'Öst'],
  ])('%s names %s', (raw, region) => {
    expect(regionByName(raw)).toBe(region);
  });

  it.each(['', 'Sud', 'Östra', 'Norr', 'region Syd', 'Skåne', '12'])('%s names no region', (raw) => {
    expect(regionByName(raw)).toBeNull();
  });

  it('every region is found again by its URL form, and the URL forms differ', () => {
    for (const r of POLICE_REGIONS) expect(regionByName(regionSlug(r))).toBe(r);
    expect(new Set(POLICE_REGIONS.map(regionSlug)).size).toBe(POLICE_REGIONS.length);
    expect(POLICE_REGIONS.map(regionSlug).every((s) => /^[a-z]+$/.test(s))).toBe(true);
  });
});

describe('the scope vocabulary', () => {
  it('reads the nation, a county code and a region', () => {
    expect(parseScope('SE')).toEqual({ kind: 'nation' });
    expect(parseScope('se')).toEqual({ kind: 'nation' });
    expect(parseScope('12')).toEqual({ kind: 'county', code: '12' });
    expect(parseScope('01')).toEqual({ kind: 'county', code: '01' });
    expect(parseScope('syd')).toEqual({ kind: 'region', region: 'Syd' });
    expect(parseScope('Ost')).toEqual({ kind: 'region', region: 'Öst' });
  });

  it.each(['', '1', '123', 'AB', 'SE1', 'Sverige', '../01', '12 '.repeat(3)])('refuses %j', (raw) => {
    expect(parseScope(raw)).toBeNull();
  });

  it('writes back what it reads', () => {
    for (const raw of ['SE', '12', 'syd', 'ost', 'vast', 'bergslagen']) expect(scopeParam(parseScope(raw)!)).toBe(raw);
    expect(scopeParam({ kind: 'region', region: 'Öst' })).toBe('ost');
  });
});

describe('a scope in a URL path', () => {
  it('is read encoded or not, and a broken escape is no scope rather than an error', async () => {
    const { parseScopeSegment } = await import('./regions');
    expect(parseScopeSegment('%C3%96st')).toEqual({ kind: 'region', region: 'Öst' });
    expect(parseScopeSegment('Öst')).toEqual({ kind: 'region', region: 'Öst' });
    expect(parseScopeSegment('12')).toEqual({ kind: 'county', code: '12' });
    expect(parseScopeSegment('%E0%A4%A')).toBeNull();
    expect(parseScopeSegment('100%')).toBeNull();
  });
});
