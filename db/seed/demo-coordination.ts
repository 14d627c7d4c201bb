import 'server-only';
// The demo's coordination groups, meetings, action items and trainings (issue 4). Deterministic:
// a fixed seed and fixed dates, never the clock; the plan is pure (generateDemoCoordination) and
// one statement inserts it (seedDemoCoordination), so it costs well under a second.
//
// The shape follows Brå 2011:18: in 2010 regional cooperation groups existed in 19 of the 21
// counties (here all but Gotland and Jämtland), there was cooperation across county borders, a
// national method-support team (NMT) and the Baltic Sea states' network (CBSS). Trainings in
// 2008–2010 add up to Brå's figures: more than 15,000 people trained, of whom the county boards
// trained 5,000 and the Crime Victim Authority 700, with 600 embassy and consulate staff; the
// police trained the largest share. Trainings and meetings continue to the demo's "today", and
// Stockholm's group has a full year 2026 with meetings planned after it.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { stockholmToInstant } from '@/lib/schemas/coordination';
import { writeAudit } from '../audit';
import {
  type ActionItemStatus,
  type EventFormat,
  type GroupKind,
  type MemberOrganisationType,
  type TrainingAudience,
  type TrainingOrganiser,
  type TrainingTheme,
} from '../../lib/enums';
import type { Db } from '../index';
import { auditLog } from '../schema';
import { dayOf, isoOf } from '../synth/dates';
import { DEMO_SEED, DEMO_TODAY } from '../synth/profiles';
import { Rng } from '../synth/random';
import { readCountiesCsv } from './counties';

/** The audit action that marks the demo's coordination data as seeded (one entry per creator). */
export const DEMO_COORDINATION_ACTION = 'demo.coordination_seeded';
export const DEMO_COORDINATION_SEED = DEMO_SEED + 4;

/** Counties without a cooperation group of their own, as two of the 21 were in 2010. */
export const COUNTIES_WITHOUT_GROUP = ['09', '23'] as const;

/** Brå's figures for 2008–2010, reproduced exactly by the demo's trainings of those years. */
export const BRA_TRAINING_TOTALS: Record<TrainingOrganiser, number> = {
  police: 6300,
  county_board: 5000,
  crime_victim_authority: 700,
  migration_agency: 1100,
  ngo: 800,
  other: 1500,
};
export const BRA_EMBASSY_STAFF = 600;

// ---------------------------------------------------------------------------------------------
// The plan

export type PlanMember = { key: string; type: MemberOrganisationType; name: string; fn: string | null };
export type PlanGroup = {
  key: string;
  name: string;
  countyCode: string;
  kind: GroupKind;
  description: string;
  activeFrom: string;
  activeTo: string | null;
  participating: string[];
  members: PlanMember[];
};
export type PlanMeeting = {
  key: string;
  groupKey: string;
  startsAt: string;
  endsAt: string;
  format: EventFormat;
  place: string | null;
  otherGuests: number;
  agenda: string;
  minutes: string | null;
  decisions: string | null;
  attendees: string[];
};
export type PlanItem = {
  key: string;
  groupKey: string;
  raisedKey: string;
  position: number;
  description: string;
  responsibleKey: string;
  dueOn: string;
  status: ActionItemStatus;
  closedKey: string | null;
  closedOn: string | null;
  raisedOn: string;
};
export type PlanTraining = {
  countyCode: string;
  organiser: TrainingOrganiser;
  title: string;
  startsOn: string;
  endsOn: string;
  format: EventFormat;
  hours: number;
  themes: TrainingTheme[];
  evaluation: number | null;
  groupKey: string | null;
  description: string | null;
  participants: [TrainingAudience, number][];
};
export type CoordinationPlan = {
  groups: PlanGroup[];
  meetings: PlanMeeting[];
  items: PlanItem[];
  trainings: PlanTraining[];
};

type County = {
  code: string;
  nameSv: string;
  shortNameSv: string;
  seat: string;
  population: number;
  policeRegion: string;
};

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

const TOPICS = [
  'planering av utbildningsdag för socialtjänsten',
  'rutin för stöd till personer i prostitution',
  'erfarenheter från återvändandeprogrammet',
  'sexköp via annonssajter och sociala medier',
  'målsägandebiträde och betänketid för brottsoffer',
  'barn och unga som säljer sex eller utnyttjas',
  'arbetskraftsexploatering och kontroller på arbetsplatser',
  'platser i skyddat boende och finansieringen av dem',
  'länets kartläggning av prostitutionen',
  'samverkan med Migrationsverket vid misstanke om människohandel',
  'underlag till den nationella lägesbilden',
  'uppsökande arbete på internet',
];

const DECISIONS = [
  'ta fram en gemensam handlingsplan för länet',
  'bjuda in Jämställdhetsmyndigheten till nästa möte',
  'genomföra en utbildningsdag under hösten',
  'uppdatera länets rutin vid misstanke om människohandel',
  'sprida stödlinjens informationsmaterial till kommunerna',
  'följa upp kartläggningen om ett år',
];

const ITEMS = [
  'Sammanställ kommunernas rutiner för stöd till personer i prostitution',
  'Boka lokal och föreläsare till utbildningsdagen',
  'Ta fram informationsblad om stödlinjen på flera språk',
  'Kontakta Migrationsverket om rutinen för betänketid',
  'Undersök behovet av skyddat boende i länet',
  'Skicka ut enkät till kommunernas socialtjänst',
  'Sammanställ polisens iakttagelser av annonsering på internet',
  'Ta fram förslag till gemensam handlingsplan',
  'Följ upp återvändandeärenden med IOM',
  'Planera uppsökande insats tillsammans med polisen',
  'Bjud in skolornas elevhälsa till nästa möte',
  'Revidera länets rutin vid misstanke om människohandel',
];

function agendaFor(topic: string, followUp: boolean): string {
  return [
    `1. Läget i länet sedan förra mötet`,
    followUp ? `2. Uppföljning av åtgärdspunkter` : `2. Information från medlemmarna`,
    `3. Tema: ${topic}`,
    `4. Övriga frågor och nästa möte`,
  ].join('\n');
}

function minutesFor(topic: string, rng: Rng): string {
  const reports = rng.int(0, 6);
  return [
    `Polisen redogjorde för läget: ${reports === 0 ? 'inga nya ärenden' : `${reports} nya ärenden`} sedan förra mötet.`,
    `Socialtjänsten berättade om sitt stödarbete och om ${rng.pick(['fler kontakter via internet', 'kontakter via stödlinjen', 'ett ökat antal unga i riskzonen', 'svårigheter att ordna boende'])}.`,
    `Temat ${topic} diskuterades; medlemmarna var överens om att samverkan behöver fortsätta.`,
  ].join('\n');
}

/** A weekday (Tuesday to Thursday) near the given day. */
function weekday(day: number): number {
  const dow = new Date(day * 86_400_000).getUTCDay(); // 0 Sunday
  if (dow === 2 || dow === 3 || dow === 4) return day;
  return day + ((2 - dow + 7) % 7);
}

function formatFor(year: number, rng: Rng): EventFormat {
  if (year === 2020 || year === 2021) return 'digital';
  if (year < 2020) return rng.chance(0.95) ? 'in_person' : 'hybrid';
  return rng.pick(['in_person', 'in_person', 'hybrid', 'digital'] as const);
}

function placeFor(format: EventFormat, venue: string): string | null {
  if (format === 'digital') return null;
  return format === 'hybrid' ? `${venue} och digitalt` : venue;
}

/** Meeting times in Sweden as instants (ISO strings). */
function times(date: string, start: string, end: string): { startsAt: string; endsAt: string } {
  return {
    startsAt: stockholmToInstant(date, start).toISOString(),
    endsAt: stockholmToInstant(date, end).toISOString(),
  };
}

const MEETING_MONTHS = [2, 5, 9, 11];

type Builder = { plan: CoordinationPlan; rng: Rng; seq: number };

function newKey(b: Builder, prefix: string): string {
  b.seq += 1;
  return `${prefix}${b.seq}`;
}

/**
 * Follow up a group's pending items at a meeting held on `date`: close, progress or leave them,
 * the way a group works through its list (more are done once they are due).
 */
function followUp(b: Builder, pending: PlanItem[], meetingKey: string, date: string): PlanItem[] {
  const still: PlanItem[] = [];
  for (const item of pending) {
    const due = item.dueOn <= date;
    const longOverdue = dayOf(date) - dayOf(item.dueOn) > 270;
    const x = b.rng.next();
    let next: ActionItemStatus = item.status;
    if (longOverdue) next = x < 0.75 ? 'done' : 'dropped';
    else if (due) next = x < 0.6 ? 'done' : x < 0.7 ? 'dropped' : x < 0.85 ? 'in_progress' : item.status;
    else next = x < 0.15 ? 'done' : x < 0.45 ? 'in_progress' : item.status;
    item.status = next;
    if (next === 'done' || next === 'dropped') {
      item.closedKey = meetingKey;
      item.closedOn = date;
    } else still.push(item);
  }
  return still;
}

function raiseItems(
  b: Builder,
  group: PlanGroup,
  meetingKey: string,
  date: string,
  count: number,
  descriptions?: string[],
): PlanItem[] {
  const raised: PlanItem[] = [];
  for (let position = 0; position < count; position++) {
    raised.push({
      key: newKey(b, 'i'),
      groupKey: group.key,
      raisedKey: meetingKey,
      position,
      description: descriptions?.[position] ?? b.rng.pick(ITEMS),
      responsibleKey: b.rng.pick(group.members).key,
      dueOn: isoOf(dayOf(date) + b.rng.int(30, 120)),
      status: 'open',
      closedKey: null,
      closedOn: null,
      raisedOn: date,
    });
  }
  b.plan.items.push(...raised);
  return raised;
}

function attendeesOf(b: Builder, group: PlanGroup, share: number): string[] {
  // The home county board always takes part; others most of the time.
  return group.members.filter((m, i) => i === 0 || b.rng.chance(share)).map((m) => m.key);
}

type MeetingSpec = {
  date: string;
  start: string;
  end: string;
  format: EventFormat;
  venue: string;
  past: boolean;
  topic: string;
  items?: string[];
};

function addMeetings(
  b: Builder,
  group: PlanGroup,
  specs: MeetingSpec[],
  options: { itemsPerMeeting: [number, number]; share: number },
): void {
  let pending: PlanItem[] = [];
  for (const spec of specs) {
    const key = newKey(b, 'm');
    const past = spec.past;
    b.plan.meetings.push({
      key,
      groupKey: group.key,
      ...times(spec.date, spec.start, spec.end),
      format: spec.format,
      place: placeFor(spec.format, spec.venue),
      otherGuests: past ? b.rng.int(0, 4) : 0,
      agenda: agendaFor(spec.topic, pending.length > 0),
      minutes: past ? minutesFor(spec.topic, b.rng) : null,
      decisions: past ? `Gruppen beslutade att ${b.rng.pick(DECISIONS)}.` : null,
      attendees: past ? attendeesOf(b, group, options.share) : [],
    });
    if (!past) continue;
    pending = followUp(b, pending, key, spec.date);
    const count = spec.items ? spec.items.length : b.rng.int(...options.itemsPerMeeting);
    pending.push(...raiseItems(b, group, key, spec.date, count, spec.items));
  }
}

/** Quarterly-ish meetings from the group's start to the demo's today, and one or two planned after it. */
function regularSpecs(b: Builder, group: PlanGroup, venue: string, perYear: number, planned: string[]): MeetingSpec[] {
  const specs: MeetingSpec[] = [];
  const first = Number(group.activeFrom.slice(0, 4));
  const last = group.activeTo ? Number(group.activeTo.slice(0, 4)) : 2026;
  const months = perYear >= 4 ? MEETING_MONTHS : perYear === 3 ? [3, 6, 10] : [4, 10];
  for (let year = first; year <= last; year++) {
    // The first years met less often.
    const ofYear = year <= 2009 && perYear >= 4 ? months.filter((_, i) => i % 2 === 1) : months;
    for (const month of ofYear) {
      const day = weekday(dayOf(`${year}-${String(month).padStart(2, '0')}-01`) + b.rng.int(3, 20));
      const date = isoOf(day);
      if (date < group.activeFrom || (group.activeTo && date > group.activeTo) || date > DEMO_TODAY) continue;
      const morning = b.rng.chance(0.6);
      specs.push({
        date,
        start: morning ? '09:00' : '13:00',
        end: morning ? '11:30' : '15:30',
        format: formatFor(year, b.rng),
        venue,
        past: true,
        topic: b.rng.pick(TOPICS),
      });
    }
  }
  for (const date of planned)
    specs.push({ date, start: '09:00', end: '11:30', format: 'hybrid', venue, past: false, topic: b.rng.pick(TOPICS) });
  return specs;
}

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

// ---------------------------------------------------------------------------------------------
// Groups and meetings

function planGroups(b: Builder, counties: County[]): Map<string, PlanGroup> {
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
      // Stockholm meets every quarter up to 2025; 2026 is written out below.
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
  return countyGroups;
}

/** Stockholm's year 2026, written out: six meetings held, two planned after the demo's today. */
function stockholm2026(venue: string): MeetingSpec[] {
  return [
    {
      date: '2026-02-10',
      start: '09:00',
      end: '11:30',
      format: 'in_person',
      venue,
      past: true,
      topic: 'årets verksamhetsplan och utbildningsplan',
      items: [
        'Ta fram länets utbildningsplan för 2026',
        'Sammanställ polisens iakttagelser av annonsering på internet',
      ],
    },
    {
      date: '2026-03-24',
      start: '13:00',
      end: '15:30',
      format: 'hybrid',
      venue,
      past: true,
      topic: 'barn och unga som säljer sex eller utnyttjas',
      items: ['Bjud in skolornas elevhälsa till nästa möte'],
    },
    {
      date: '2026-05-19',
      start: '09:00',
      end: '11:30',
      format: 'in_person',
      venue,
      past: true,
      topic: 'platser i skyddat boende och finansieringen av dem',
      items: ['Undersök behovet av skyddat boende i länet', 'Kontakta Migrationsverket om rutinen för betänketid'],
    },
    {
      date: '2026-09-08',
      start: '09:00',
      end: '11:30',
      format: 'digital',
      venue,
      past: true,
      topic: 'underlag till den nationella lägesbilden',
      items: ['Revidera länets rutin vid misstanke om människohandel', 'Skicka ut enkät till kommunernas socialtjänst'],
    },
    {
      date: '2026-10-20',
      start: '13:00',
      end: '15:30',
      format: 'in_person',
      venue,
      past: true,
      topic: 'uppsökande arbete på internet',
      items: ['Planera uppsökande insats tillsammans med polisen'],
    },
    {
      date: '2026-11-24',
      start: '09:00',
      end: '12:00',
      format: 'hybrid',
      venue,
      past: true,
      topic: 'årets arbete och planen för nästa år',
      items: [
        'Ta fram förslag till gemensam handlingsplan',
        'Boka lokal och föreläsare till utbildningsdagen',
        'Följ upp återvändandeärenden med IOM',
      ],
    },
    {
      date: '2026-12-08',
      start: '09:00',
      end: '11:30',
      format: 'in_person',
      venue,
      past: false,
      topic: 'länets handlingsplan 2027',
    },
    {
      date: '2027-02-09',
      start: '13:00',
      end: '15:30',
      format: 'hybrid',
      venue,
      past: false,
      topic: 'utbildningsplan och kartläggning 2027',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Trainings

type Profile = {
  audiences: [TrainingAudience, number][];
  themes: TrainingTheme[][];
  titles: string[];
  size: [number, number];
};

const PROFILES: Record<TrainingOrganiser, Profile> = {
  police: {
    audiences: [
      ['police', 0.82],
      ['prosecutors', 0.08],
      ['customs', 0.05],
      ['other', 0.05],
    ],
    themes: [
      ['identifying_trafficking', 'legislation'],
      ['methods_cooperation', 'identifying_trafficking'],
      ['online_exploitation', 'legislation'],
      ['prostitution_policy', 'legislation'],
    ],
    titles: [
      'Människohandel för sexuella ändamål: utredningsmetodik',
      'Att identifiera offer för människohandel i polisarbetet',
      'Sexköp och koppleri: spaning och bevisning',
      'Sexuell exploatering av barn på internet',
    ],
    size: [25, 90],
  },
  county_board: {
    audiences: [
      ['social_services', 0.38],
      ['health_care', 0.14],
      ['school_youth', 0.14],
      ['ngo', 0.08],
      ['police', 0.08],
      ['county_board', 0.06],
      ['migration_agency', 0.04],
      ['other', 0.08],
    ],
    themes: [
      ['talking_about_sex', 'social_investigations'],
      ['prostitution_policy', 'methods_cooperation'],
      ['lgbtq', 'talking_about_sex'],
      ['sex_education', 'online_exploitation'],
      ['identifying_trafficking', 'methods_cooperation'],
      ['social_investigations'],
    ],
    titles: [
      'Att prata om sex och prostitution i socialt arbete',
      'Bättre sociala utredningar vid sexuell exploatering',
      'Hbtq-personer som köper eller säljer sex',
      'Sex- och samlevnadsundervisning som förebygger utnyttjande',
      'Unga och sexuell exploatering på nätet',
      'Länets samverkan mot prostitution och människohandel',
      'Den svenska synen på prostitution',
    ],
    size: [20, 80],
  },
  crime_victim_authority: {
    audiences: [
      ['courts', 0.3],
      ['prosecutors', 0.25],
      ['police', 0.25],
      ['social_services', 0.1],
      ['ngo', 0.1],
    ],
    themes: [['victim_support_justice'], ['victim_support_justice', 'legislation']],
    titles: [
      'Brottsoffret i rättsprocessen: bemötande av offer för människohandel',
      'Målsägandebiträde och stöd under rättegången',
    ],
    size: [20, 45],
  },
  migration_agency: {
    audiences: [
      ['migration_agency', 0.9],
      ['other', 0.1],
    ],
    themes: [
      ['identifying_trafficking', 'legislation'],
      ['identifying_trafficking', 'victim_support_justice'],
    ],
    titles: [
      'Att känna igen människohandel i asylprövningen',
      'Betänketid och uppehållstillstånd för offer för människohandel',
    ],
    size: [20, 60],
  },
  ngo: {
    audiences: [
      ['ngo', 0.45],
      ['social_services', 0.25],
      ['school_youth', 0.2],
      ['health_care', 0.1],
    ],
    themes: [['talking_about_sex', 'lgbtq'], ['sex_education', 'online_exploitation'], ['talking_about_sex']],
    titles: [
      'Samtal om sex, gränser och utnyttjande',
      'Stöd till personer som vill lämna prostitution',
      'Unga, nätet och sexuell exploatering',
    ],
    size: [15, 40],
  },
  other: {
    audiences: [
      ['customs', 0.45],
      ['other', 0.35],
      ['courts', 0.2],
    ],
    themes: [
      ['identifying_trafficking', 'legislation'],
      ['prostitution_policy', 'legislation'],
    ],
    titles: ['Människohandel vid gränsen: indikatorer och rutiner', 'Lagstiftningen om människohandel och koppleri'],
    size: [20, 60],
  },
};

const METRO = ['01', '12', '14'];

/** Split n participants over audiences by their shares (at least one per audience drawn). */
function split(rng: Rng, n: number, audiences: [TrainingAudience, number][]): [TrainingAudience, number][] {
  const chosen = audiences.filter(([, share], i) => i === 0 || rng.chance(Math.min(1, share * 3)));
  const weight = chosen.reduce((s, [, w]) => s + w, 0);
  const out = chosen.map(([a, w]) => [a, Math.floor((n * w) / weight)] as [TrainingAudience, number]);
  let rest = n - out.reduce((s, [, c]) => s + c, 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]![1] += 1;
  return out.filter(([, c]) => c > 0);
}

function trainingCounty(rng: Rng, organiser: TrainingOrganiser, counties: County[]): string {
  if (organiser === 'county_board') return rng.pick(counties).code;
  if (organiser === 'police' || organiser === 'other')
    return rng.chance(0.65) ? rng.pick(METRO) : rng.pick(counties).code;
  return rng.chance(0.5) ? rng.pick(METRO) : rng.pick(counties).code;
}

function trainingDates(
  rng: Rng,
  year: number,
  latest = DEMO_TODAY,
): { startsOn: string; endsOn: string; days: number } {
  const first = dayOf(`${year}-01-10`);
  const last = Math.min(dayOf(`${year}-12-10`), dayOf(latest) - 2);
  // Not in July.
  let start = weekday(first + rng.int(0, last - first));
  if (isoOf(start).slice(5, 7) === '07') start = weekday(start + 35);
  const days = rng.chance(0.2) ? 2 : 1;
  return { startsOn: isoOf(start), endsOn: isoOf(start + days - 1), days };
}

function makeTraining(
  b: Builder,
  organiser: TrainingOrganiser,
  year: number,
  size: number,
  county: string,
  groups: Map<string, PlanGroup>,
  audiences?: [TrainingAudience, number][],
): PlanTraining {
  const profile = PROFILES[organiser];
  const { startsOn, endsOn, days } = trainingDates(b.rng, year);
  const format = formatFor(year, b.rng);
  const group = groups.get(county);
  const link = organiser === 'county_board' && group && group.activeFrom <= startsOn && b.rng.chance(0.45);
  return {
    countyCode: county,
    organiser,
    title: b.rng.pick(profile.titles),
    startsOn,
    endsOn,
    format,
    hours: days === 2 ? 13 : b.rng.pick([2.5, 3.5, 3.5, 6.5, 6.5, 7]),
    themes: b.rng.pick(profile.themes),
    evaluation: b.rng.chance(0.7) ? Math.round((3.4 + b.rng.next() * 1.4) * 10) / 10 : null,
    groupKey: link ? group!.key : null,
    description: b.rng.chance(0.3) ? 'Föreläsningar, fallövningar och samtal i mindre grupper.' : null,
    participants: audiences ?? split(b.rng, size, profile.audiences),
  };
}

/** Trainings of one organiser whose participants add up to exactly `target`. */
function trainingsTo(
  b: Builder,
  organiser: TrainingOrganiser,
  target: number,
  years: number[],
  counties: County[],
  groups: Map<string, PlanGroup>,
): void {
  const [min, max] = PROFILES[organiser].size;
  let left = target;
  let i = 0;
  while (left > 0) {
    let size = b.rng.int(min, max);
    if (left - size < min) size = left;
    left -= size;
    b.plan.trainings.push(
      makeTraining(b, organiser, years[i++ % years.length]!, size, trainingCounty(b.rng, organiser, counties), groups),
    );
  }
}

function planTrainings(b: Builder, counties: County[], groups: Map<string, PlanGroup>): void {
  const bra = [2008, 2009, 2010];
  for (const organiser of ['police', 'county_board', 'crime_victim_authority', 'migration_agency', 'ngo'] as const) {
    trainingsTo(b, organiser, BRA_TRAINING_TOTALS[organiser], bra, counties, groups);
  }
  // 'Other' organisers: the Ministry for Foreign Affairs trained the embassy and consulate staff
  // (600, and nobody else trained them in those years); the rest were Customs and others.
  for (const [year, n] of [
    [2008, 150],
    [2009, 200],
    [2009, 100],
    [2010, 150],
  ] as const) {
    b.plan.trainings.push({
      ...makeTraining(b, 'other', year, n, '01', groups, [['embassy_staff', n]]),
      title: 'Utlandsmyndigheternas personal: människohandel och visumärenden',
      themes: ['identifying_trafficking', 'prostitution_policy'],
    });
  }
  trainingsTo(b, 'other', BRA_TRAINING_TOTALS.other - BRA_EMBASSY_STAFF, bra, counties, groups);

  // After the action plan: fewer, steadier trainings every year.
  const yearly: [TrainingOrganiser, number][] = [
    ['county_board', 22],
    ['police', 10],
    ['crime_victim_authority', 3],
    ['migration_agency', 4],
    ['ngo', 6],
    ['other', 3],
  ];
  for (let year = 2011; year <= 2026; year++) {
    for (const [organiser, count] of yearly) {
      for (let i = 0; i < count; i++) {
        const [min, max] = PROFILES[organiser].size;
        const t = makeTraining(
          b,
          organiser,
          year,
          b.rng.int(min, max),
          trainingCounty(b.rng, organiser, counties),
          groups,
        );
        // Embassy staff again from 2014 (the Ministry's yearly course).
        if (organiser === 'other' && i === 0 && year >= 2014) t.participants = [['embassy_staff', b.rng.int(25, 60)]];
        b.plan.trainings.push(t);
      }
    }
  }
  // Stockholm's year 2026: the county board's own trainings, several with its group.
  const stockholmGroup = groups.get('01')!;
  const stockholm: [string, string, string, TrainingTheme[], [TrainingAudience, number][], number, number | null][] = [
    [
      '2026-02-17',
      '2026-02-17',
      'Att prata om sex och prostitution i socialt arbete',
      ['talking_about_sex', 'social_investigations'],
      [
        ['social_services', 46],
        ['health_care', 8],
      ],
      6.5,
      4.4,
    ],
    [
      '2026-03-12',
      '2026-03-12',
      'Unga och sexuell exploatering på nätet',
      ['online_exploitation', 'sex_education'],
      [
        ['school_youth', 38],
        ['social_services', 12],
        ['police', 4],
      ],
      3.5,
      4.6,
    ],
    [
      '2026-04-21',
      '2026-04-22',
      'Människohandel för sexuella ändamål: länets rutin i praktiken',
      ['identifying_trafficking', 'methods_cooperation'],
      [
        ['social_services', 30],
        ['police', 14],
        ['migration_agency', 6],
        ['ngo', 5],
      ],
      13,
      4.2,
    ],
    [
      '2026-05-27',
      '2026-05-27',
      'Hbtq-personer som köper eller säljer sex',
      ['lgbtq', 'talking_about_sex'],
      [
        ['health_care', 22],
        ['social_services', 18],
        ['ngo', 9],
      ],
      3.5,
      4.7,
    ],
    [
      '2026-09-15',
      '2026-09-15',
      'Bättre sociala utredningar vid sexuell exploatering',
      ['social_investigations'],
      [['social_services', 52]],
      6.5,
      4.1,
    ],
    [
      '2026-10-06',
      '2026-10-06',
      'Brottsoffret i rättsprocessen',
      ['victim_support_justice', 'legislation'],
      [
        ['courts', 12],
        ['prosecutors', 9],
        ['police', 11],
        ['social_services', 6],
      ],
      6.5,
      null,
    ],
    [
      '2026-10-28',
      '2026-10-28',
      'Den svenska synen på prostitution',
      ['prostitution_policy', 'legislation'],
      [
        ['county_board', 14],
        ['other', 10],
        ['ngo', 6],
      ],
      2.5,
      4.0,
    ],
    [
      '2026-11-18',
      '2026-11-19',
      'Länsgemensam konferens mot prostitution och människohandel',
      ['methods_cooperation', 'identifying_trafficking', 'prostitution_policy'],
      [
        ['social_services', 64],
        ['police', 21],
        ['health_care', 17],
        ['school_youth', 12],
        ['ngo', 15],
        ['county_board', 6],
      ],
      12,
      4.5,
    ],
  ];
  stockholm.forEach(([startsOn, endsOn, title, themes, participants, hours, evaluation], i) => {
    b.plan.trainings.push({
      countyCode: '01',
      organiser: i === 5 ? 'crime_victim_authority' : 'county_board',
      title,
      startsOn,
      endsOn,
      format: i === 1 ? 'digital' : i === 3 ? 'hybrid' : 'in_person',
      hours,
      themes,
      evaluation,
      groupKey: i === 5 ? null : stockholmGroup.key,
      description: null,
      participants,
    });
  });
}

function demoCounties(): County[] {
  return readCountiesCsv().map((c) => ({
    code: c.code,
    nameSv: c.nameSv,
    shortNameSv: c.shortNameSv,
    seat: c.seat,
    population: c.population,
    policeRegion: c.policeRegion as string,
  }));
}

/** The whole plan: pure, the same on every call and every machine. */
export function generateDemoCoordination(counties: County[] = demoCounties()): CoordinationPlan {
  const b: Builder = {
    plan: { groups: [], meetings: [], items: [], trainings: [] },
    rng: new Rng(DEMO_COORDINATION_SEED),
    seq: 0,
  };
  const sorted = [...counties].sort((x, y) => x.code.localeCompare(y.code));
  const groups = planGroups(b, sorted);
  planTrainings(b, sorted, groups);
  return b.plan;
}

// ---------------------------------------------------------------------------------------------
// Insert

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export type CoordinationSeedResult = {
  groups: number;
  members: number;
  meetings: number;
  attendance: number;
  items: number;
  trainings: number;
  participants: number;
};

/**
 * Insert the demo's coordination data unless this creator's is already there; returns what was
 * inserted (zeros the second time). One statement in one transaction: all of it or none.
 */
export async function seedDemoCoordination(db: Db, createdBy: string | null = null): Promise<CoordinationSeedResult> {
  const plan = generateDemoCoordination();
  const ids = new Map<string, string>();
  const id = (key: string) => {
    let value = ids.get(key);
    if (!value) ids.set(key, (value = randomUUID()));
    return value;
  };
  const noon = (date: string) => `${date}T11:00:00Z`;
  const groups = plan.groups.map((g) => ({
    i: id(g.key),
    n: g.name,
    c: g.countyCode,
    k: g.kind,
    d: g.description,
    f: g.activeFrom,
    t: g.activeTo,
    at: noon(g.activeFrom),
  }));
  const groupCountyRows = plan.groups.flatMap((g) => g.participating.map((c) => ({ g: id(g.key), c })));
  const members = plan.groups.flatMap((g) =>
    g.members.map((m, position) => ({ i: id(m.key), g: id(g.key), p: position, t: m.type, n: m.name, f: m.fn })),
  );
  const meetingRows = plan.meetings.map((m) => ({
    i: id(m.key),
    g: id(m.groupKey),
    s: m.startsAt,
    e: m.endsAt,
    f: m.format,
    p: m.place,
    o: m.otherGuests,
    a: m.agenda,
    m: m.minutes,
    d: m.decisions,
    // Planned meetings were registered some weeks before the demo's today; held ones on their day.
    at: m.startsAt > `${DEMO_TODAY}T23:59:59Z` ? noon(isoOf(dayOf(DEMO_TODAY) - 20)) : m.endsAt,
  }));
  const attendance = plan.meetings.flatMap((m) =>
    m.attendees.map((a) => ({ m: id(m.key), g: id(m.groupKey), p: id(a) })),
  );
  const items = plan.items.map((it) => ({
    i: id(it.key),
    g: id(it.groupKey),
    m: id(it.raisedKey),
    p: it.position,
    d: it.description,
    r: id(it.responsibleKey),
    u: it.dueOn,
    s: it.status,
    cm: it.closedKey ? id(it.closedKey) : null,
    co: it.closedOn,
    v: it.status === 'open' ? 1 : 2,
    at: noon(it.raisedOn),
    ut: noon(it.closedOn ?? it.raisedOn),
  }));
  const trainingRows = plan.trainings.map((t, n) => ({
    i: id(`t${n}`),
    c: t.countyCode,
    o: t.organiser,
    t: t.title,
    s: t.startsOn,
    e: t.endsOn,
    f: t.format,
    h: t.hours,
    th: t.themes,
    ev: t.evaluation,
    g: t.groupKey ? id(t.groupKey) : null,
    d: t.description,
    at: noon(t.endsOn),
  }));
  const participants = plan.trainings.flatMap((t, n) =>
    t.participants.map(([a, count]) => ({ t: id(`t${n}`), a, n: count })),
  );
  const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::text::json`;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${DEMO_COORDINATION_ACTION}))`);
    const [seeded] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, DEMO_COORDINATION_ACTION),
          createdBy ? eq(auditLog.actorId, createdBy) : isNull(auditLog.actorId),
        ),
      )
      .limit(1);
    if (seeded) return { groups: 0, members: 0, meetings: 0, attendance: 0, items: 0, trainings: 0, participants: 0 };
    const by = createdBy;
    // Data-modifying CTEs all run once; foreign keys are checked at the end of the statement.
    const [counts] = rowsOf<CoordinationSeedResult>(
      await tx.execute(sql`
        with new_groups as (
          insert into coordination_groups (id, name, county_code, kind, description, active_from, active_to, created_by, created_at, updated_by, updated_at)
          select r.i, r.n, r.c, r.k, r.d, r.f, r.t, ${by}::uuid, r.at, ${by}::uuid, r.at
          from json_to_recordset(${json(groups)}) as r(i uuid, n text, c text, k group_kind, d text, f date, t date, at timestamptz)
          returning 1
        ),
        new_group_counties as (
          insert into group_counties (group_id, county_code)
          select r.g, r.c from json_to_recordset(${json(groupCountyRows)}) as r(g uuid, c text)
          returning 1
        ),
        new_members as (
          insert into group_members (id, group_id, position, organisation_type, organisation_name, contact_function)
          select r.i, r.g, r.p, r.t, r.n, r.f from json_to_recordset(${json(members)}) as r(i uuid, g uuid, p smallint, t reporting_body, n text, f text)
          returning 1
        ),
        new_meetings as (
          insert into meetings (id, group_id, starts_at, ends_at, format, place, other_guests, agenda, minutes, decisions, created_by, created_at, updated_by, updated_at)
          select r.i, r.g, r.s, r.e, r.f, r.p, r.o, r.a, r.m, r.d, ${by}::uuid, r.at, ${by}::uuid, r.at
          from json_to_recordset(${json(meetingRows)}) as r(i uuid, g uuid, s timestamptz, e timestamptz, f event_format, p text, o int, a text, m text, d text, at timestamptz)
          returning 1
        ),
        new_attendance as (
          insert into meeting_attendance (meeting_id, group_id, member_id)
          select r.m, r.g, r.p from json_to_recordset(${json(attendance)}) as r(m uuid, g uuid, p uuid)
          returning 1
        ),
        new_items as (
          insert into action_items (id, group_id, raised_meeting_id, position, description, responsible_member_id, due_on, status, closed_meeting_id, closed_on, version, created_by, created_at, updated_by, updated_at)
          select r.i, r.g, r.m, r.p, r.d, r.r, r.u, r.s, r.cm, r.co, r.v, ${by}::uuid, r.at, ${by}::uuid, r.ut
          from json_to_recordset(${json(items)}) as r(i uuid, g uuid, m uuid, p smallint, d text, r uuid, u date, s action_item_status, cm uuid, co date, v int, at timestamptz, ut timestamptz)
          returning 1
        ),
        new_trainings as (
          insert into trainings (id, county_code, organiser, title, starts_on, ends_on, format, hours, themes, evaluation, group_id, description, created_by, created_at, updated_by, updated_at)
          select r.i, r.c, r.o, r.t, r.s, r.e, r.f, r.h, r.th, r.ev, r.g, r.d, ${by}::uuid, r.at, ${by}::uuid, r.at
          from json_to_recordset(${json(trainingRows)}) as r(i uuid, c text, o training_organiser, t text, s date, e date, f event_format, h numeric, th training_theme[], ev numeric, g uuid, d text, at timestamptz)
          returning 1
        ),
        new_participants as (
          insert into training_participants (training_id, audience, participants)
          select r.t, r.a, r.n from json_to_recordset(${json(participants)}) as r(t uuid, a training_audience, n int)
          returning 1
        )
        select (select count(*) from new_groups)::int as groups, (select count(*) from new_members)::int as members,
          (select count(*) from new_meetings)::int as meetings, (select count(*) from new_attendance)::int as attendance,
          (select count(*) from new_items)::int as items, (select count(*) from new_trainings)::int as trainings,
          (select count(*) from new_participants)::int as participants, (select count(*) from new_group_counties)::int as group_counties
      `),
    );
    const result: CoordinationSeedResult = {
      groups: Number(counts!.groups),
      members: Number(counts!.members),
      meetings: Number(counts!.meetings),
      attendance: Number(counts!.attendance),
      items: Number(counts!.items),
      trainings: Number(counts!.trainings),
      participants: Number(counts!.participants),
    };
    await writeAudit(tx, {
      actorId: createdBy,
      action: DEMO_COORDINATION_ACTION,
      entityType: 'coordination_group',
      changes: { ...result, seed: DEMO_COORDINATION_SEED },
    });
    return result;
  });
}
