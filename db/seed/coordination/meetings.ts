// The demo's meetings: quarterly-ish meetings of every group from its start to the demo's today,
// one or two planned after it, with agendas, minutes, decisions, attendance and the action items
// raised and followed up at them. Stockholm's year 2026 is written out.
import { dayOf, isoOf } from '@/db/synth/dates';
import { DEMO_TODAY } from '@/db/synth/profiles';
import type { Rng } from '@/db/synth/random';
import type { ActionItemStatus, EventFormat } from '@/lib/enums';
import { stockholmToInstant } from '@/lib/schemas/coordination';
import { formatFor, newKey, weekday, type Builder, type PlanGroup, type PlanItem } from './plan';

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

export type MeetingSpec = {
  date: string;
  start: string;
  end: string;
  format: EventFormat;
  venue: string;
  past: boolean;
  topic: string;
  items?: string[];
};

export function addMeetings(
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
export function regularSpecs(
  b: Builder,
  group: PlanGroup,
  venue: string,
  perYear: number,
  planned: string[],
): MeetingSpec[] {
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

/** Stockholm's year 2026, written out: six meetings held, two planned after the demo's today. */
const STOCKHOLM_2026: Omit<MeetingSpec, 'venue'>[] = [
  {
    date: '2026-02-10',
    start: '09:00',
    end: '11:30',
    format: 'in_person',
    past: true,
    topic: 'årets verksamhetsplan och utbildningsplan',
    items: ['Ta fram länets utbildningsplan för 2026', 'Sammanställ polisens iakttagelser av annonsering på internet'],
  },
  {
    date: '2026-03-24',
    start: '13:00',
    end: '15:30',
    format: 'hybrid',
    past: true,
    topic: 'barn och unga som säljer sex eller utnyttjas',
    items: ['Bjud in skolornas elevhälsa till nästa möte'],
  },
  {
    date: '2026-05-19',
    start: '09:00',
    end: '11:30',
    format: 'in_person',
    past: true,
    topic: 'platser i skyddat boende och finansieringen av dem',
    items: ['Undersök behovet av skyddat boende i länet', 'Kontakta Migrationsverket om rutinen för betänketid'],
  },
  {
    date: '2026-09-08',
    start: '09:00',
    end: '11:30',
    format: 'digital',
    past: true,
    topic: 'underlag till den nationella lägesbilden',
    items: ['Revidera länets rutin vid misstanke om människohandel', 'Skicka ut enkät till kommunernas socialtjänst'],
  },
  {
    date: '2026-10-20',
    start: '13:00',
    end: '15:30',
    format: 'in_person',
    past: true,
    topic: 'uppsökande arbete på internet',
    items: ['Planera uppsökande insats tillsammans med polisen'],
  },
  {
    date: '2026-11-24',
    start: '09:00',
    end: '12:00',
    format: 'hybrid',
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
    past: false,
    topic: 'länets handlingsplan 2027',
  },
  {
    date: '2027-02-09',
    start: '13:00',
    end: '15:30',
    format: 'hybrid',
    past: false,
    topic: 'utbildningsplan och kartläggning 2027',
  },
];

export function stockholm2026(venue: string): MeetingSpec[] {
  return STOCKHOLM_2026.map((spec) => ({ ...spec, venue }));
}
