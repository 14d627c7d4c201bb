// The demo's trainings: 2008–2010 add up to Brå's figures exactly, fewer and steadier ones every
// year after the action plan, and Stockholm's county board's own year 2026.
import { dayOf, isoOf } from '@/db/synth/dates';
import { DEMO_TODAY } from '@/db/synth/profiles';
import type { Rng } from '@/db/synth/random';
import type { TrainingAudience, TrainingOrganiser, TrainingTheme } from '@/lib/enums';
import { formatFor, weekday, type Builder, type County, type PlanGroup, type PlanTraining } from './plan';

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

/** 2008–2010: each organiser's trainings add up to Brå's figure exactly. */
function braTrainings(b: Builder, counties: County[], groups: Map<string, PlanGroup>): void {
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
}

/** After the action plan: fewer, steadier trainings every year. */
function yearlyTrainings(b: Builder, counties: County[], groups: Map<string, PlanGroup>): void {
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
}

/** Stockholm's year 2026: the county board's own trainings, several with its group. */
const STOCKHOLM_2026: [string, string, string, TrainingTheme[], [TrainingAudience, number][], number, number | null][] =
  [
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

function stockholmTrainings(b: Builder, groups: Map<string, PlanGroup>): void {
  const stockholmGroup = groups.get('01')!;
  STOCKHOLM_2026.forEach(([startsOn, endsOn, title, themes, participants, hours, evaluation], i) => {
    b.plan.trainings.push({
      countyCode: '01',
      organiser: i === 5 ? 'crime_victim_authority' : 'county_board',
      title,
      startsOn,
      endsOn,
      format: i === 1 ? 'digital' : i === 3 ? 'hybrid' : 'in_person',
      hours,
      themes: [...themes],
      evaluation,
      groupKey: i === 5 ? null : stockholmGroup.key,
      description: null,
      participants: participants.map(([audience, n]) => [audience, n]),
    });
  });
}

/** Every training of the demo, in a fixed order (the draws depend on it). */
export function planTrainings(b: Builder, counties: County[], groups: Map<string, PlanGroup>): void {
  braTrainings(b, counties, groups);
  yearlyTrainings(b, counties, groups);
  stockholmTrainings(b, groups);
}
