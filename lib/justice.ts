// Each perpetrator's path through the justice system and the case step derived from it
// (decision 012). Pure: the data layer checks every write with these rules, the forms offer what
// they allow, and the database's trigger (drizzle/*_justice_path_triggers.sql) derives the case
// step with the same rule; justice.test.ts keeps the two equal on every combination.
import {
  NEXT_JUSTICE_STEPS,
  NEXT_STATUSES,
  OFFENCE_STEPS,
  PENALTY_ORDER_SANCTIONS,
  SANCTION_STEPS,
  type CaseStatus,
  type JusticeStep,
} from './enums';

export type PersonStep = { step: JusticeStep; occurredOn: string };

/** The person's latest step ('none' before any), by the order of the path, not by date. */
export function latestStep(steps: readonly PersonStep[]): JusticeStep | 'none' {
  let latest: JusticeStep | 'none' = 'none';
  // A path is a chain: each step follows the one before it, so the latest is the one nothing follows.
  for (let guard = 0; guard < 4; guard++) {
    const next = steps.find((s) => NEXT_JUSTICE_STEPS[latest].includes(s.step));
    if (!next) break;
    latest = next.step;
  }
  return latest;
}

/**
 * What a step needs besides the persons and the date, field by field (the form's schema and the
 * data layer both ask; the database's checks say the same): the offences it concerns, and a
 * sanction on an order or a conviction (an order's a fine or a conditional sentence), with a
 * prison band exactly when the sanction is prison.
 */
export function stepFieldErrors(v: {
  step: JusticeStep;
  offences: readonly string[];
  sanction: string | null | undefined;
  prisonBand: string | null | undefined;
}): { field: 'offences' | 'sanction' | 'prisonBand'; message: string }[] {
  const out: { field: 'offences' | 'sanction' | 'prisonBand'; message: string }[] = [];
  const namesOffences = stepNamesOffences(v.step);
  if (namesOffences && v.offences.length === 0)
    out.push({ field: 'offences', message: 'validation.stepOffenceRequired' });
  if (!namesOffences && v.offences.length > 0) out.push({ field: 'offences', message: 'validation.stepNoOffences' });
  if (stepHasSanction(v.step) && !v.sanction) out.push({ field: 'sanction', message: 'validation.sanctionRequired' });
  if (!stepHasSanction(v.step) && v.sanction) out.push({ field: 'sanction', message: 'validation.sanctionNotHere' });
  if (v.step === 'penalty_order' && v.sanction && !(PENALTY_ORDER_SANCTIONS as readonly string[]).includes(v.sanction))
    out.push({ field: 'sanction', message: 'validation.penaltyOrderSanction' });
  if (v.sanction === 'prison' && !v.prisonBand)
    out.push({ field: 'prisonBand', message: 'validation.prisonBandRequired' });
  if (v.sanction !== 'prison' && v.prisonBand)
    out.push({ field: 'prisonBand', message: 'validation.prisonBandNotHere' });
  return out;
}

export const stepNamesOffences = (step: JusticeStep) => (OFFENCE_STEPS as readonly JusticeStep[]).includes(step);
export const stepHasSanction = (step: JusticeStep) => (SANCTION_STEPS as readonly JusticeStep[]).includes(step);

/** What a person's step says about the case: its kind on the case-level pipeline. */
const KIND: Record<JusticeStep, CaseStatus> = {
  discontinued: 'discontinued',
  prosecution_waived: 'discontinued',
  // A summary penalty order settles guilt without a trial: for the case it is a conviction
  // (a lagföring, as Brå counts it), reached without a prosecution.
  penalty_order: 'convicted',
  prosecuted: 'prosecuted',
  convicted: 'convicted',
  acquitted: 'acquitted',
  convicted_on_appeal: 'convicted',
  acquitted_on_appeal: 'acquitted',
};

/**
 * The case steps one person's path contributes, each with its date: the prosecution (if any),
 * and the person's outcome so far. An appeal that confirms the first judgment keeps the first
 * judgment's date (the case reached it then); one that reverses it counts from the appeal.
 */
function personContributions(steps: readonly PersonStep[]): { status: CaseStatus; occurredOn: string }[] {
  const on = (step: JusticeStep) => steps.find((s) => s.step === step)?.occurredOn;
  const out: { status: CaseStatus; occurredOn: string }[] = [];
  const prosecuted = on('prosecuted');
  if (prosecuted) out.push({ status: 'prosecuted', occurredOn: prosecuted });
  const first = steps.find((s) => s.step === 'convicted' || s.step === 'acquitted');
  const appeal = steps.find((s) => s.step === 'convicted_on_appeal' || s.step === 'acquitted_on_appeal');
  if (first && appeal)
    out.push({
      status: KIND[appeal.step],
      occurredOn: KIND[appeal.step] === KIND[first.step] ? first.occurredOn : appeal.occurredOn,
    });
  else if (first) out.push({ status: KIND[first.step], occurredOn: first.occurredOn });
  else {
    const settled = steps.find(
      (s) => s.step === 'penalty_order' || s.step === 'discontinued' || s.step === 'prosecution_waived',
    );
    if (settled) out.push({ status: KIND[settled.step], occurredOn: settled.occurredOn });
  }
  return out;
}

/** The steps derived from the persons: 'discontinued', 'prosecuted', 'convicted', 'acquitted'. */
export const DERIVED_STATUSES = [
  'discontinued',
  'prosecuted',
  'convicted',
  'acquitted',
] as const satisfies readonly CaseStatus[];

/** Which step is "further" when the case's persons are at different ones (closed ends it all). */
const CASE_STATUS_RANK: Record<CaseStatus, number> = {
  reported: 1,
  investigation: 2,
  discontinued: 3,
  prosecuted: 4,
  acquitted: 5,
  convicted: 6,
  closed: 7,
};

export type CaseEvent = { status: CaseStatus; occurredOn: string };

/**
 * The case's step history: its own steps (reported, investigation, closed; discontinued while no
 * person has a step), and, once any perpetrator has a step, each derived step at the earliest date
 * any person reached it. The case's status is the furthest of them (CASE_STATUS_RANK).
 */
export function deriveCaseEvents(
  caseLevel: readonly CaseEvent[],
  persons: readonly (readonly PersonStep[])[],
): CaseEvent[] {
  const withSteps = persons.filter((p) => p.length > 0);
  if (withSteps.length === 0) return [...caseLevel];
  const own = caseLevel.filter((e) => !(DERIVED_STATUSES as readonly CaseStatus[]).includes(e.status));
  const earliest = new Map<CaseStatus, string>();
  for (const person of withSteps)
    for (const c of personContributions(person)) {
      const seen = earliest.get(c.status);
      if (!seen || c.occurredOn < seen) earliest.set(c.status, c.occurredOn);
    }
  const derived = DERIVED_STATUSES.filter((s) => earliest.has(s)).map((s) => ({
    status: s,
    occurredOn: earliest.get(s)!,
  }));
  return [...own, ...derived];
}

/** The furthest step and its date. */
export function caseStepOf(events: readonly CaseEvent[]): CaseEvent {
  let best: CaseEvent | undefined;
  for (const e of events) if (!best || CASE_STATUS_RANK[e.status] > CASE_STATUS_RANK[best.status]) best = e;
  if (!best) throw new Error('a case has at least its reported step');
  return best;
}

/**
 * The case-level steps one may record next (NEXT_STATUSES): discontinued only while no
 * perpetrator is known (otherwise each person's path says it).
 */
export function nextCaseStatuses(status: CaseStatus, hasPerpetrators: boolean): CaseStatus[] {
  return NEXT_STATUSES[status].filter((s) => !(hasPerpetrators && s === 'discontinued'));
}

/**
 * May a person's step be recorded on this case at all? Not once the case is closed, nor after
 * the investigation was discontinued for the whole case (before anyone's path began).
 */
export function caseTakesPersonSteps(status: CaseStatus, hasPersonSteps: boolean): boolean {
  if (status === 'closed') return false;
  if (status === 'discontinued' && !hasPersonSteps) return false;
  return true;
}
