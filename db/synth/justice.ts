// Each perpetrator's path in a generated case (decision 012), drawn from the case's pipeline so
// that the case's step and the dates the figures read (investigation, prosecution, conviction)
// stay those of the pipeline: the first perpetrator follows it; the others reach no further (a
// co-suspect's investigation discontinued, an acquittal beside a conviction). Sex-purchase cases
// mostly end in a summary penalty order with a fine; trafficking rarely in a conviction (the
// pipeline's outcome rates). Pure: its own random stream, so the cases themselves are unchanged.
import type { CaseStatus, JusticeStep, Offence, PrisonBand, Sanction } from '@/lib/enums';
import { caseStepOf, deriveCaseEvents, type CaseEvent } from '@/lib/justice';
import { dayOf, isoOf } from './dates';
import { Rng, weighted, type Weighted } from './random';

export type SynthPersonStep = {
  step: JusticeStep;
  occurredOn: string;
  offences: Offence[];
  sanction: Sanction | null;
  prisonBand: PrisonBand | null;
};

const SEX_PURCHASE: readonly Offence[] = ['sex_purchase', 'sex_purchase_child'];

/** The offences matching the person's role (as the migration of decision 012 chose them). */
function offencesForRole(offences: readonly Offence[], buyer: boolean): Offence[] {
  const matching = offences.filter((o) => SEX_PURCHASE.includes(o) === buyer);
  return matching.length > 0 ? matching : [...offences];
}

type Choice = readonly [string, number];
const SANCTION_TABLES: [Offence[], Weighted<string>][] = [
  [
    ['trafficking_sexual', 'trafficking_other'],
    weighted<string>([
      ['prison:1_to_2_years', 20],
      ['prison:2_to_4_years', 45],
      ['prison:4_to_10_years', 30],
      ['prison:over_10_years', 5],
    ] as Choice[]),
  ],
  [
    ['procuring_gross', 'exploitation'],
    weighted<string>([
      ['prison:6_to_12_months', 10],
      ['prison:1_to_2_years', 35],
      ['prison:2_to_4_years', 45],
      ['prison:4_to_10_years', 10],
    ] as Choice[]),
  ],
  [
    ['procuring'],
    weighted<string>([
      ['prison:under_6_months', 15],
      ['prison:6_to_12_months', 35],
      ['probation', 25],
      ['conditional_sentence', 20],
      ['other', 5],
    ] as Choice[]),
  ],
  [
    ['sex_purchase_child'],
    weighted<string>([
      ['prison:under_6_months', 20],
      ['probation', 20],
      ['conditional_sentence', 25],
      ['fine', 35],
    ] as Choice[]),
  ],
  [
    ['sex_purchase'],
    weighted<string>([
      ['fine', 92],
      ['conditional_sentence', 8],
    ] as Choice[]),
  ],
  [
    ['other'],
    weighted<string>([
      ['fine', 40],
      ['conditional_sentence', 30],
      ['probation', 20],
      ['other', 10],
    ] as Choice[]),
  ],
];

function sanctionFor(rng: Rng, offences: readonly Offence[]): { sanction: Sanction; prisonBand: PrisonBand | null } {
  // The table of the most serious offence the person is convicted of (the tables' order).
  const table = SANCTION_TABLES.find(([os]) => os.some((o) => offences.includes(o)))?.[1] ?? SANCTION_TABLES.at(-1)![1];
  const [sanction, band] = rng.draw(table).split(':') as [Sanction, PrisonBand | undefined];
  return { sanction, prisonBand: band ?? null };
}

type Pipeline = readonly { status: CaseStatus; occurredOn: string }[];
type PartyLike = { role: string; perpetratorRole: string | null };

/** The steps of each party (victims: none), in the order of the parties. */
export function personStepsOf(
  rng: Rng,
  c: { offences: readonly Offence[]; parties: readonly PartyLike[] },
  pipeline: Pipeline,
  today: number,
): SynthPersonStep[][] {
  const at = (s: CaseStatus) => pipeline.find((e) => e.status === s)?.occurredOn;
  const dis = at('discontinued');
  const pro = at('prosecuted');
  const con = at('convicted');
  const acq = at('acquitted');
  const buyerCase = c.offences.every((o) => SEX_PURCHASE.includes(o));
  const later = (on: string, min: number, max: number) => {
    const day = dayOf(on) + rng.int(min, max);
    return day <= today ? isoOf(day) : null;
  };
  let perpetrators = 0;
  return c.parties.map((party) => {
    if (party.role !== 'perpetrator') return [];
    const first = perpetrators++ === 0;
    const offences = offencesForRole(c.offences, party.perpetratorRole === 'buyer');
    const step = (s: JusticeStep, occurredOn: string, extra: Partial<SynthPersonStep> = {}): SynthPersonStep => ({
      step: s,
      occurredOn,
      offences: s === 'discontinued' || s === 'prosecution_waived' ? [] : offences,
      sanction: null,
      prisonBand: null,
      ...extra,
    });
    if (dis) return [step(first || rng.chance(0.85) ? 'discontinued' : 'prosecution_waived', dis)];
    if (con && buyerCase && rng.chance(first ? 0.85 : 0.8))
      return [step('penalty_order', con, { sanction: rng.chance(0.9) ? 'fine' : 'conditional_sentence' })];
    if (!pro) return [];
    // A co-suspect whose investigation ended without a prosecution.
    if (!first && rng.chance(0.25)) return [step('discontinued', pro)];
    const path = [step('prosecuted', pro)];
    if (con) {
      if (first || rng.chance(0.6)) {
        path.push(step('convicted', con, sanctionFor(rng, offences)));
        const appeal = rng.chance(0.12) ? later(con, 60, 240) : null;
        if (appeal) path.push(step('convicted_on_appeal', appeal, sanctionFor(rng, offences)));
      } else path.push(step('acquitted', con));
    } else if (acq) {
      path.push(step('acquitted', acq));
      const appeal = rng.chance(0.08) ? later(acq, 60, 240) : null;
      if (appeal) path.push(step('acquitted_on_appeal', appeal));
    }
    return path;
  });
}

/** The case's events once its persons have steps: its own steps, and the rest derived (lib/justice.ts). */
export function caseEventsOf<E extends CaseEvent & { note: string | null }>(
  pipeline: readonly E[],
  persons: readonly SynthPersonStep[][],
): { events: (CaseEvent & { note: string | null })[]; status: CaseStatus; statusOn: string } {
  const derived = deriveCaseEvents(pipeline, persons);
  const events = derived.map((e) => ({
    ...e,
    note: pipeline.find((p) => p.status === e.status && p.occurredOn === e.occurredOn)?.note ?? null,
  }));
  const step = caseStepOf(events);
  return { events, status: step.status, statusOn: step.occurredOn };
}
