import { describe, expect, it } from 'vitest';
import { asciiFileName, buildCalendar, foldLine, icsText, icsTime } from './ics';

describe('the calendar file', () => {
  const calendar = buildCalendar({
    name: 'Samverkansgruppen, Stockholms län',
    now: new Date('2026-11-27T10:00:00Z'),
    events: [
      {
        uid: '6f1c2f0e-1111-4111-8111-111111111111@lagesbild',
        sequence: 2,
        start: new Date('2026-12-08T08:00:00Z'),
        end: new Date('2026-12-08T10:30:00Z'),
        summary: 'Möte: Samverkansgruppen, Stockholms län',
        location: 'Länsstyrelsen; sal Ö',
        description: `1. Läget i länet\n2. ${'Uppföljning av åtgärdspunkter från förra mötet och årets utbildningar '.repeat(2)}`,
      },
    ],
  });
  const lines = calendar.split('\r\n');

  it('is one VCALENDAR with a VEVENT carrying UID, DTSTAMP, DTSTART and DTEND in UTC', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('UID:6f1c2f0e-1111-4111-8111-111111111111@lagesbild');
    expect(lines).toContain('DTSTAMP:20261127T100000Z');
    expect(lines).toContain('DTSTART:20261208T080000Z');
    expect(lines).toContain('DTEND:20261208T103000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('LOCATION:Länsstyrelsen\\; sal Ö');
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('uses CRLF only, folds every line at 75 octets and unfolds to the original text', () => {
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = calendar.replace(/\r\n /g, '');
    expect(unfolded).toContain('X-WR-CALNAME:Samverkansgruppen\\, Stockholms län');
    expect(unfolded).toContain(
      `DESCRIPTION:1. Läget i länet\\n2. ${'Uppföljning av åtgärdspunkter från förra mötet och årets utbildningar '.repeat(2)}`,
    );
  });

  it('escapes text and never splits a character when folding', () => {
    expect(icsText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`SUMMARY:${'ö'.repeat(80)}`);
    expect(folded.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ö'.repeat(80)}`);
    expect(icsTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
    expect(asciiFileName('Samverkansgruppen mot prostitution, Östergötlands län')).toBe(
      'samverkansgruppen-mot-prostitution-ostergotlands-lan',
    );
  });
});
