// The demo's coordination groups: one per county (all but two, as in 2010), the regional groups
// across county borders, the national method-support team (NMT) and the Baltic Sea states'
// network (CBSS), each with its members and meetings.
import { dayOf, isoOf } from '@/db/synth/dates';
import type { Rng } from '@/db/synth/random';
import { addMeetings, regularSpecs, stockholm2026 } from './meetings';
import { newKey, weekday, type Builder, type County, type PlanGroup, type PlanMember } from './plan';

/** Counties without a cooperation group of their own, as two of the 21 were in 2010. */
export const COUNTIES_WITHOUT_GROUP = ['09', '23'] as const;

const NGOS = [
  'Kvinno- och tjejjouren',
  'Föreningen Storasyster',
  'Noomi',
  'Talita',
  'Röda Korset',
  'Frälsningsarmén',
  'RFSU',
  'Unizon',
];

function countyMembers(c: County, rng: Rng): Omit<PlanMember, 'key'>[] {
  const members: Omit<PlanMember, 'key'>[] = [
    {
      type: 'county_board',
      name: `Länsstyrelsen i ${c.nameSv}`,
      fn: 'Länssamordnare mot prostitution och människohandel',
    },
    {
      type: 'police',
      name: `Polisregion ${c.policeRegion}, lokalpolisområde ${c.seat}`,
      fn: rng.pick(['Gruppchef, människohandelsgruppen', 'Kontaktpolis för människohandel']),
    },
    { type: 'prosecutor', name: `Åklagarkammaren i ${c.seat}`, fn: 'Kammaråklagare' },
    {
      type: 'social_services',
      name: `${c.seat} kommun, socialtjänsten`,
      fn: rng.pick(['Enhetschef, socialjouren', 'Samordnare våld i nära relationer']),
    },
    { type: 'migration_agency', name: 'Migrationsverket', fn: 'Samordnare för människohandelsfrågor' },
  ];
  if (rng.chance(0.8))
    members.push({
      type: 'health_care',
      name: `Region ${c.shortNameSv}`,
      fn: rng.pick(['Kurator, ungdomsmottagningen', 'Barnmorska, sexuell hälsa']),
    });
  members.push({ type: 'ngo', name: rng.pick(NGOS), fn: 'Verksamhetsledare' });
  if (rng.chance(0.5)) members.push({ type: 'school_youth', name: `${c.seat} kommun, elevhälsan`, fn: 'Skolkurator' });
  if (['01', '10', '12', '14'].includes(c.code))
    members.push({ type: 'customs', name: 'Tullverket', fn: 'Gränsskyddsenheten' });
  return members;
}

const STOCKHOLM_MEMBERS: Omit<PlanMember, 'key'>[] = [
  {
    type: 'county_board',
    name: 'Länsstyrelsen i Stockholms län',
    fn: 'Länssamordnare mot prostitution och människohandel',
  },
  { type: 'police', name: 'Polisregion Stockholm, människohandelsgruppen', fn: 'Gruppchef' },
  { type: 'prosecutor', name: 'Åklagarmyndigheten, Stockholm', fn: 'Kammaråklagare med inriktning människohandel' },
  { type: 'social_services', name: 'Stockholms stad, Mikamottagningen', fn: 'Enhetschef' },
  { type: 'social_services', name: 'Södertälje kommun, socialtjänsten', fn: 'Samordnare våld i nära relationer' },
  { type: 'health_care', name: 'Region Stockholm, ungdomsmottagningarna', fn: 'Kurator' },
  { type: 'migration_agency', name: 'Migrationsverket, region Öst', fn: 'Samordnare för människohandelsfrågor' },
  { type: 'customs', name: 'Tullverket, Arlanda', fn: 'Gränsskyddsenheten' },
  { type: 'ngo', name: 'Föreningen Storasyster', fn: 'Verksamhetsledare' },
];

function makeGroup(b: Builder, g: Omit<PlanGroup, 'key' | 'members'>, members: Omit<PlanMember, 'key'>[]): PlanGroup {
  const key = newKey(b, 'g');
  const seen = new Set<string>();
  const group: PlanGroup = {
    ...g,
    key,
    members: members.filter((m) => !seen.has(m.name) && seen.add(m.name)).map((m) => ({ ...m, key: newKey(b, 'p') })),
  };
  b.plan.groups.push(group);
  return group;
}

/** Every county's own group but two; returned by county code (trainings link to them). */
function planCountyGroups(b: Builder, counties: County[]): Map<string, PlanGroup> {
  const countyGroups = new Map<string, PlanGroup>();
  for (const c of counties) {
    if ((COUNTIES_WITHOUT_GROUP as readonly string[]).includes(c.code)) continue;
    const stockholm = c.code === '01';
    const group = makeGroup(
      b,
      {
        name: `Samverkansgruppen mot prostitution och människohandel, ${c.nameSv}`,
        countyCode: c.code,
        kind: 'county',
        description: `Länets samverkan mellan myndigheter, kommuner och ideella organisationer mot prostitution och människohandel, samordnad av länsstyrelsen.`,
        activeFrom: stockholm ? '2008-03-01' : isoOf(dayOf('2008-01-15') + b.rng.int(0, 600)),
        activeTo: null,
        participating: [],
      },
      stockholm ? STOCKHOLM_MEMBERS : countyMembers(c, b.rng),
    );
    countyGroups.set(c.code, group);
    const venue = `Länsstyrelsen, ${c.seat}`;
    if (stockholm) {
      // Stockholm meets every quarter up to 2025; 2026 is written out (meetings.ts).
      const specs = regularSpecs(b, { ...group, activeTo: '2025-12-31' }, venue, 4, []);
      addMeetings(b, group, [...specs, ...stockholm2026(venue)], { itemsPerMeeting: [1, 3], share: 0.8 });
    } else {
      const planned = [
        isoOf(weekday(dayOf('2026-12-01') + b.rng.int(0, 12))),
        ...(b.rng.chance(0.5) ? [isoOf(weekday(dayOf('2027-02-02') + b.rng.int(0, 20)))] : []),
      ];
      addMeetings(b, group, regularSpecs(b, group, venue, b.rng.chance(0.7) ? 4 : 3, planned), {
        itemsPerMeeting: [0, 3],
        share: 0.7,
      });
    }
  }
  return countyGroups;
}

/** Cooperation across county borders: a home county, the counties taking part, a city to meet in. */
function planRegionalGroups(b: Builder, counties: County[]): void {
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const regional: [string, string, string[], string, string | null, string][] = [
    ['Regional samverkan Syd mot människohandel', '12', ['07', '08', '10'], '2009-09-01', null, 'Malmö'],
    ['Samverkan Väst: Västra Götaland och Halland', '14', ['13'], '2010-02-01', null, 'Göteborg'],
    ['Nätverket Norr mot prostitution och människohandel', '25', ['22', '23', '24'], '2012-04-01', null, 'Luleå'],
    ['Mälardalens nätverk mot människohandel', '03', ['19', '21'], '2011-01-01', '2018-12-31', 'Uppsala'],
    ['Polisregion Stockholm: Stockholm och Gotland', '01', ['09'], '2015-03-01', null, 'Stockholm'],
  ];
  for (const [name, home, participating, from, to, city] of regional) {
    const members: Omit<PlanMember, 'key'>[] = [home, ...participating].flatMap((code) => {
      const c = byCode.get(code)!;
      return [
        { type: 'county_board' as const, name: `Länsstyrelsen i ${c.nameSv}`, fn: 'Länssamordnare' },
        ...(code === home
          ? [
              {
                type: 'police' as const,
                name: `Polisregion ${c.policeRegion}`,
                fn: 'Regional samordnare människohandel',
              },
            ]
          : []),
      ];
    });
    members.push({ type: 'social_services', name: 'Regionkoordinatorn mot människohandel', fn: 'Regionkoordinator' });
    const group = makeGroup(
      b,
      {
        name,
        countyCode: home,
        kind: 'regional',
        description: `Samverkan över länsgränserna: gemensamma utbildningar, ärenden som rör flera län och erfarenhetsutbyte.`,
        activeFrom: from,
        activeTo: to,
        participating,
      },
      members,
    );
    addMeetings(
      b,
      group,
      regularSpecs(
        b,
        group,
        `Länsstyrelsen, ${city}`,
        2,
        to ? [] : [isoOf(weekday(dayOf('2027-03-02') + b.rng.int(0, 14)))],
      ),
      { itemsPerMeeting: [0, 2], share: 0.8 },
    );
  }
}

/** The national method-support team: every county takes part. */
function planMethodSupportTeam(b: Builder, counties: County[]): void {
  const all = counties.map((c) => c.code).filter((code) => code !== '01');
  const nmt = makeGroup(
    b,
    {
      name: 'Nationellt metodstödsteam mot prostitution och människohandel (NMT)',
      countyCode: '01',
      kind: 'national',
      description:
        'Det nationella metodstödet: myndigheter och länsstyrelser ger råd i enskilda ärenden och utvecklar metoder tillsammans.',
      activeFrom: '2009-06-01',
      activeTo: null,
      participating: all,
    },
    [
      {
        type: 'county_board',
        name: 'Länsstyrelsen i Stockholms län, nationell samordning',
        fn: 'Nationell samordnare',
      },
      { type: 'police', name: 'Polismyndigheten, nationella operativa avdelningen', fn: 'Nationell rapportör' },
      { type: 'prosecutor', name: 'Åklagarmyndigheten', fn: 'Utvecklingscentrum' },
      { type: 'migration_agency', name: 'Migrationsverket', fn: 'Nationell samordnare' },
      { type: 'customs', name: 'Tullverket', fn: 'Brottsbekämpning' },
      { type: 'other', name: 'Skatteverket', fn: 'Kontrollenheten' },
      { type: 'other', name: 'Arbetsmiljöverket', fn: 'Inspektionsavdelningen' },
      { type: 'social_services', name: 'Stockholms stad, socialtjänsten', fn: 'Enhetschef' },
      { type: 'health_care', name: 'Region Skåne', fn: 'Sexuell hälsa' },
    ],
  );
  addMeetings(b, nmt, regularSpecs(b, nmt, 'Jämställdhetsmyndigheten, Göteborg', 2, ['2026-12-09']), {
    itemsPerMeeting: [0, 2],
    share: 0.85,
  });
}

/** The Baltic Sea states' network, meeting in a member country's capital. */
function planBalticNetwork(b: Builder): void {
  const cbss = makeGroup(
    b,
    {
      name: 'Östersjöstaternas råd (CBSS): arbetsgruppen mot människohandel',
      countyCode: '01',
      kind: 'international',
      description:
        'Det internationella nätverket kring Östersjön: lägesbilder, gemensamma utbildningar och stöd vid återvändande.',
      activeFrom: '2008-09-01',
      activeTo: null,
      participating: ['12', '14'],
    },
    [
      { type: 'county_board', name: 'Länsstyrelsen i Stockholms län', fn: 'Nationell kontaktpunkt' },
      { type: 'other', name: 'CBSS sekretariat', fn: 'Handläggare, arbetsgruppen mot människohandel' },
      { type: 'other', name: 'Inrikesministeriet, Finland', fn: 'Nationell kontaktpunkt' },
      { type: 'other', name: 'Inrikesministeriet, Estland', fn: 'Nationell kontaktpunkt' },
      { type: 'other', name: 'Inrikesministeriet, Lettland', fn: 'Nationell kontaktpunkt' },
      { type: 'other', name: 'Inrikesministeriet, Litauen', fn: 'Nationell kontaktpunkt' },
      { type: 'police', name: 'Polismyndigheten, internationella enheten', fn: 'Sambandsman' },
    ],
  );
  const cities = ['Stockholm', 'Helsingfors', 'Tallinn', 'Riga', 'Vilnius', 'Köpenhamn', 'Oslo', 'Warszawa'];
  const cbssSpecs = regularSpecs(b, cbss, 'CBSS sekretariat, Stockholm', 2, ['2027-03-16']).map((s) => ({
    ...s,
    venue: `Konferens i ${b.rng.pick(cities)}`,
  }));
  addMeetings(b, cbss, cbssSpecs, { itemsPerMeeting: [0, 1], share: 0.7 });
}

/** All the groups with their meetings, in a fixed order (the draws depend on it). */
export function planGroups(b: Builder, counties: County[]): Map<string, PlanGroup> {
  const countyGroups = planCountyGroups(b, counties);
  planRegionalGroups(b, counties);
  planMethodSupportTeam(b, counties);
  planBalticNetwork(b);
  return countyGroups;
}
