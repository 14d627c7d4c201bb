import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CaseEditSchema,
  CaseSchema,
  PerpetratorStepSchema,
  type CaseInput,
  type CaseOutput,
  type PartyInput,
  type PerpetratorStepInput,
} from '@/lib/schemas/cases';
import { JUSTICE_STEPS, NEXT_JUSTICE_STEPS, type CaseStatus, type JusticeStep } from '@/lib/enums';
import { caseStepOf, deriveCaseEvents, latestStep, type PersonStep } from '@/lib/justice';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { getDb } from '@/db/index';
import { cases } from '@/db/schema';
import { makeUser } from '@/db/test/helpers';
import { rowsOf } from '@/db/rows';
import { getCaseForActor } from './detail';
import { recordPerpetratorSteps } from './justice';
import { listCasesForActor } from './list';
import { createCase, updateCase } from './register';
import { recordStatusStep } from './status';

// Each perpetrator's path (decision 012): the rules per person, the case step derived from them
// (the database's trigger and lib/justice.ts, compared on every combination), and party edits
// that keep a person's steps. Dates in 1991–1993: this file's own years.

const perpetrator = (role = 'exploiter'): PartyInput =>
  ({
    role: 'perpetrator',
    sex: 'man',
    ageBand: '26_35',
    originRegion: 'sweden',
    citizenship: '',
    perpetratorRole: role,
  }) as PartyInput;
const victim: PartyInput = {
  role: 'victim',
  sex: 'woman',
  ageBand: '18_20',
  originRegion: 'eu_east',
  citizenship: '',
  plaintiffStatus: 'yes',
  residencePermit: 'applied',
  support: ['counselling'],
};

function caseInput(overrides: Partial<CaseInput> = {}): CaseOutput {
  return CaseSchema.parse({
    countyCode: '03',
    reportedOn: '1991-01-10',
    reportingBody: 'police',
    policeReportNumber: '',
    offences: ['trafficking_sexual', 'sex_purchase'],
    arena: 'apartment',
    onlinePlatform: 'unknown',
    crossBorder: 'unknown',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: [],
    notes: '',
    parties: [victim, perpetrator(), perpetrator('buyer')],
    ...overrides,
  });
}

let coordinator: Actor;
let staff: Actor;

beforeAll(async () => {
  [coordinator, staff] = await Promise.all([makeUser('county_coordinator', '03'), makeUser('county_staff', '03')]);
});

async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown> | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details };
    throw error;
  }
}

async function newCase(overrides: Partial<CaseInput> = {}) {
  const { id } = await createCase(coordinator, caseInput(overrides));
  const detail = await getCaseForActor(coordinator, id);
  return { id, persons: detail.perpetratorPaths.map((p) => p.partyId) };
}

/** Record through the form's schema, with the case's current version. */
async function record(
  id: string,
  partyIds: string[],
  step: JusticeStep,
  occurredOn: string,
  extra: Partial<PerpetratorStepInput> = {},
) {
  const detail = await getCaseForActor(coordinator, id);
  const needsOffences = !['discontinued', 'prosecution_waived'].includes(step);
  const sanction = ['penalty_order', 'convicted', 'convicted_on_appeal'].includes(step) ? 'fine' : '';
  return recordPerpetratorSteps(
    staff,
    PerpetratorStepSchema.parse({
      id,
      version: String(detail.version),
      partyIds,
      step,
      occurredOn,
      offences: needsOffences ? ['trafficking_sexual'] : [],
      sanction,
      prisonBand: '',
      ...extra,
    }),
  );
}

async function caseState(id: string) {
  const db = await getDb();
  const [row] = await db
    .select({ status: cases.status, statusOn: cases.statusOn, version: cases.version })
    .from(cases)
    .where(eq(cases.id, id));
  const events = rowsOf<{ status: CaseStatus; occurred_on: string }>(
    await db.execute(
      sql`select status, occurred_on::text from case_status_events where case_id = ${id} order by status`,
    ),
  );
  return { ...row!, events: events.map((e) => `${e.status}@${e.occurred_on}`).sort() };
}

/** Every path a person can have, with dates in order. */
const PATHS: PersonStep[][] = (() => {
  const out: PersonStep[][] = [[]];
  const dates = ['1991-03-01', '1991-06-01', '1991-09-01'];
  const walk = (path: PersonStep[]) => {
    for (const next of NEXT_JUSTICE_STEPS[latestStep(path)]) {
      const longer = [...path, { step: next, occurredOn: dates[path.length]! }];
      out.push(longer);
      walk(longer);
    }
  };
  walk([]);
  return out;
})();

describe('a perpetrator’s path', () => {
  it('has eleven shapes, from no step to a judgment on appeal', () => {
    expect(PATHS).toHaveLength(11);
  });

  it('allows exactly the next steps of NEXT_JUSTICE_STEPS for each person, and refuses the rest', async () => {
    for (const path of PATHS) {
      const { id, persons } = await newCase();
      for (const s of path) await record(id, [persons[0]!], s.step, s.occurredOn);
      const allowed = NEXT_JUSTICE_STEPS[latestStep(path)];
      const before = await caseState(id);
      for (const step of JUSTICE_STEPS.filter((s) => !allowed.includes(s))) {
        expect(
          await refusal(record(id, [persons[0]!], step, '1992-01-01')),
          `${latestStep(path)} → ${step}`,
        ).toMatchObject({ code: 'invalid', field: 'step', message: 'validation.justiceStepTransition', person: 1 });
      }
      expect(await caseState(id)).toEqual(before);
      // Each allowed step on a case of its own, so that one does not block the next.
      for (const step of allowed) {
        const fresh = await newCase();
        for (const s of path) await record(fresh.id, [fresh.persons[0]!], s.step, s.occurredOn);
        expect(
          await refusal(record(fresh.id, [fresh.persons[0]!], step, '1992-01-01')),
          `${latestStep(path)} → ${step}`,
        ).toBe('ok');
        const detail = await getCaseForActor(coordinator, fresh.id);
        expect(detail.perpetratorPaths[0]!.latest).toBe(step);
        // The other person's path is untouched.
        expect(detail.perpetratorPaths[1]!.steps).toEqual([]);
      }
    }
  });

  it('refuses a date before the person’s previous step or the report, and accepts the same day', async () => {
    const { id, persons } = await newCase();
    expect(await refusal(record(id, persons, 'prosecuted', '1991-01-09'))).toMatchObject({
      field: 'occurredOn',
      message: 'validation.justiceStepDateBeforePrevious',
      previous: '1991-01-10',
    });
    await record(id, [persons[0]!], 'prosecuted', '1991-05-01');
    await record(id, [persons[1]!], 'prosecuted', '1991-04-01');
    expect(await refusal(record(id, persons, 'convicted', '1991-04-15'))).toMatchObject({
      field: 'occurredOn',
      person: 1,
      previous: '1991-05-01',
    });
    expect(await refusal(record(id, persons, 'convicted', '1991-05-01'))).toBe('ok');
  });

  it('records a step for several at once, one audit row each, and refuses all if one may not take it', async () => {
    const { id, persons } = await newCase();
    await record(id, [persons[0]!], 'discontinued', '1991-02-01');
    expect(await refusal(record(id, persons, 'prosecuted', '1991-03-01'))).toMatchObject({ field: 'step', person: 1 });
    const fresh = await newCase();
    const result = await record(fresh.id, fresh.persons, 'prosecuted', '1991-03-01');
    expect(result).toMatchObject({ recorded: 2, status: 'prosecuted', statusOn: '1991-03-01', version: 2 });
    const detail = await getCaseForActor(coordinator, fresh.id);
    expect(detail.perpetratorPaths.map((p) => p.latest)).toEqual(['prosecuted', 'prosecuted']);
    const audits = detail.history.filter((h) => h.action === 'case.person_step');
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.changes!.person).sort()).toEqual([1, 2]);
    expect(audits[0]!.changes).toMatchObject({
      step: { from: 'none', to: 'prosecuted' },
      offences: ['trafficking_sexual'],
    });
  });

  it('names the offences the step concerns: required, only the case’s own, never for a discontinuation', async () => {
    const { id, persons } = await newCase();
    // The data layer asks again what the form's schema asks (a server action is a public endpoint).
    const bare = {
      id,
      version: 1,
      partyIds: persons,
      step: 'prosecuted' as const,
      occurredOn: '1991-03-01',
      sanction: null,
      prisonBand: null,
    };
    expect(await refusal(recordPerpetratorSteps(staff, { ...bare, offences: [] }))).toMatchObject({
      code: 'invalid',
      field: 'offences',
      message: 'validation.stepOffenceRequired',
    });
    expect(
      await refusal(recordPerpetratorSteps(staff, { ...bare, offences: ['trafficking_sexual'], sanction: 'fine' })),
    ).toMatchObject({ field: 'sanction' });
    expect(await refusal(record(id, persons, 'prosecuted', '1991-03-01', { offences: ['procuring'] }))).toMatchObject({
      field: 'offences',
      message: 'validation.stepOffenceNotOfCase',
    });
    expect(
      PerpetratorStepSchema.safeParse({
        id,
        version: '1',
        partyIds: persons,
        step: 'discontinued',
        occurredOn: '1991-03-01',
        offences: ['sex_purchase'],
      }).success,
    ).toBe(false);
    await record(id, [persons[1]!], 'penalty_order', '1991-03-01', { offences: ['sex_purchase'], sanction: 'fine' });
    const detail = await getCaseForActor(coordinator, id);
    expect(detail.perpetratorPaths[1]!.steps[0]).toMatchObject({
      step: 'penalty_order',
      offences: ['sex_purchase'],
      sanction: 'fine',
    });
  });

  it('records a sanction on orders and convictions only, a prison band with prison only, and a penalty order’s fine or conditional sentence', () => {
    const base = {
      id: '00000000-0000-4000-8000-000000000000',
      version: '1',
      partyIds: ['00000000-0000-4000-8000-000000000001'],
      occurredOn: '1991-03-01',
      offences: ['sex_purchase'],
    };
    const errors = (v: Record<string, unknown>) => {
      const r = PerpetratorStepSchema.safeParse({ ...base, ...v });
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    expect(errors({ step: 'convicted', sanction: '' })).toEqual({ sanction: 'validation.sanctionRequired' });
    expect(errors({ step: 'prosecuted', sanction: 'fine' })).toEqual({ sanction: 'validation.sanctionNotHere' });
    expect(errors({ step: 'penalty_order', sanction: 'prison', prisonBand: '1_to_2_years' })).toEqual({
      sanction: 'validation.penaltyOrderSanction',
    });
    expect(errors({ step: 'convicted', sanction: 'prison' })).toEqual({ prisonBand: 'validation.prisonBandRequired' });
    expect(errors({ step: 'convicted', sanction: 'fine', prisonBand: '1_to_2_years' })).toEqual({
      prisonBand: 'validation.prisonBandNotHere',
    });
    expect(errors({ step: 'convicted', sanction: 'unknown' })).toEqual({ sanction: 'validation.choice' });
    expect(errors({ step: 'penalty_order', sanction: 'conditional_sentence' })).toEqual({});
    expect(errors({ step: 'convicted_on_appeal', sanction: 'prison', prisonBand: '4_to_10_years' })).toEqual({});
  });

  it('refuses a stale step with a conflict and changes nothing', async () => {
    const { id, persons } = await newCase();
    await record(id, [persons[0]!], 'prosecuted', '1991-03-01');
    const stale = PerpetratorStepSchema.parse({
      id,
      version: '1',
      partyIds: [persons[1]!],
      step: 'prosecuted',
      occurredOn: '1991-03-02',
      offences: ['trafficking_sexual'],
    });
    expect(await refusal(recordPerpetratorSteps(staff, stale))).toMatchObject({ code: 'conflict' });
    expect((await getCaseForActor(coordinator, id)).perpetratorPaths[1]!.steps).toEqual([]);
  });

  it('takes no person’s step once the case is closed, nor after the whole case’s investigation was discontinued', async () => {
    const closed = await newCase();
    await recordStatusStep(staff, {
      id: closed.id,
      version: 1,
      status: 'closed',
      occurredOn: '1991-02-01',
      note: null,
    });
    expect(await refusal(record(closed.id, closed.persons, 'prosecuted', '1991-03-01'))).toMatchObject({
      field: 'step',
      message: 'validation.caseTakesNoPersonSteps',
    });
    expect((await getCaseForActor(coordinator, closed.id)).mayRecordPersonSteps).toBe(false);
  });
});

describe('the case’s step, derived from its persons’ paths', () => {
  it('equals lib/justice.ts for every combination of two persons’ paths, written by hand in SQL', async () => {
    const db = await getDb();
    for (const [i, a] of PATHS.entries()) {
      for (const b of PATHS.slice(i)) {
        // The second person's steps a little later, so that "the earliest date" is tested.
        const bLater = b.map((s) => ({ ...s, occurredOn: s.occurredOn.replace('-01', '-15') }));
        const { id, persons } = await newCase({ reportedOn: '1991-01-10' });
        await db.transaction(async (tx) => {
          for (const [person, path] of [
            [persons[0]!, a],
            [persons[1]!, bLater],
          ] as const)
            for (const s of path) {
              const sanction = ['penalty_order', 'convicted', 'convicted_on_appeal'].includes(s.step) ? 'fine' : null;
              const [row] = rowsOf<{ id: string }>(
                await tx.execute(sql`insert into perpetrator_steps (case_id, party_id, step, occurred_on, sanction)
                  values (${id}, ${person}, ${s.step}, ${s.occurredOn}, ${sanction}) returning id`),
              );
              if (!['discontinued', 'prosecution_waived'].includes(s.step))
                await tx.execute(sql`insert into perpetrator_step_offences values (${row!.id}, 'trafficking_sexual')`);
            }
        });
        const expected = deriveCaseEvents([{ status: 'reported', occurredOn: '1991-01-10' }], [a, bLater]);
        const step = caseStepOf(expected);
        const state = await caseState(id);
        const label = `${a.map((s) => s.step).join('>') || 'none'} | ${b.map((s) => s.step).join('>') || 'none'}`;
        expect([state.status, state.statusOn], label).toEqual([step.status, step.occurredOn]);
        expect(state.events, label).toEqual(expected.map((e) => `${e.status}@${e.occurredOn}`).sort());
      }
    }
  });

  it('follows the persons: prosecution of two at once, then a conviction of one, then the other acquitted', async () => {
    const { id, persons } = await newCase();
    await recordStatusStep(staff, { id, version: 1, status: 'investigation', occurredOn: '1991-02-01', note: null });
    await record(id, persons, 'prosecuted', '1991-03-01');
    expect(await caseState(id)).toMatchObject({ status: 'prosecuted', statusOn: '1991-03-01' });
    await record(id, [persons[0]!], 'convicted', '1991-06-01', { sanction: 'prison', prisonBand: '2_to_4_years' });
    expect(await caseState(id)).toMatchObject({ status: 'convicted', statusOn: '1991-06-01' });
    await record(id, [persons[1]!], 'acquitted', '1991-07-01');
    const state = await caseState(id);
    expect(state).toMatchObject({ status: 'convicted', statusOn: '1991-06-01' });
    expect(state.events).toEqual([
      'acquitted@1991-07-01',
      'convicted@1991-06-01',
      'investigation@1991-02-01',
      'prosecuted@1991-03-01',
      'reported@1991-01-10',
    ]);
    // Reversed on appeal: the conviction is gone from the case, the acquittal stays the earliest.
    await record(id, [persons[0]!], 'acquitted_on_appeal', '1991-12-01');
    expect(await caseState(id)).toMatchObject({ status: 'acquitted', statusOn: '1991-07-01' });
    // The list's status filter reads the derived step.
    const { reference } = await getCaseForActor(coordinator, id);
    const page = await listCasesForActor(coordinator, { status: 'acquitted', q: reference });
    expect(page.rows.some((r) => r.id === id)).toBe(true);
    const convicted = await listCasesForActor(coordinator, { status: 'convicted', q: reference });
    expect(convicted.rows.some((r) => r.id === id)).toBe(false);
  });

  it('keeps the case’s own steps without a known perpetrator, and closing ends every path', async () => {
    const { id } = await newCase({ parties: [victim] });
    await recordStatusStep(staff, { id, version: 1, status: 'investigation', occurredOn: '1991-02-01', note: null });
    await recordStatusStep(staff, { id, version: 2, status: 'discontinued', occurredOn: '1991-03-01', note: null });
    expect(await caseState(id)).toMatchObject({ status: 'discontinued', statusOn: '1991-03-01' });
    const withPersons = await newCase();
    await record(withPersons.id, withPersons.persons, 'prosecuted', '1991-03-01');
    await recordStatusStep(staff, {
      id: withPersons.id,
      version: 2,
      status: 'closed',
      occurredOn: '1991-04-01',
      note: null,
    });
    expect(await caseState(withPersons.id)).toMatchObject({ status: 'closed', statusOn: '1991-04-01' });
  });
});

describe('the database refuses what the app refuses', () => {
  async function insertStep(
    caseId: string,
    partyId: string,
    step: string,
    on: string,
    sanction: string | null = null,
    band: string | null = null,
  ) {
    const db = await getDb();
    return refusal(
      db.transaction(async (tx) => {
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(sql`insert into perpetrator_steps (case_id, party_id, step, occurred_on, sanction, prison_band)
            values (${caseId}, ${partyId}, ${step}, ${on}, ${sanction}, ${band}) returning id`),
        );
        if (!['discontinued', 'prosecution_waived'].includes(step))
          await tx.execute(sql`insert into perpetrator_step_offences values (${row!.id}, 'trafficking_sexual')`);
      }),
    ).catch((e: unknown) => e);
  }
  const refused = (result: unknown) => result !== 'ok';

  it('refuses a broken path, a date before the report, a victim’s step and a step on another case’s person', async () => {
    const { id, persons } = await newCase();
    const other = await newCase();
    const victimId = (await getCaseForActor(coordinator, id)).parties[0]!.id!;
    expect(refused(await insertStep(id, persons[0]!, 'convicted', '1991-03-01', 'fine'))).toBe(true);
    expect(refused(await insertStep(id, persons[0]!, 'prosecuted', '1991-01-09'))).toBe(true);
    expect(refused(await insertStep(id, victimId, 'discontinued', '1991-03-01'))).toBe(true);
    expect(refused(await insertStep(id, other.persons[0]!, 'discontinued', '1991-03-01'))).toBe(true);
    expect(await insertStep(id, persons[0]!, 'prosecuted', '1991-03-01')).toBe('ok');
    expect(refused(await insertStep(id, persons[0]!, 'discontinued', '1991-03-02'))).toBe(true);
    expect(refused(await insertStep(id, persons[0]!, 'acquitted', '1991-02-28'))).toBe(true);
  });

  it('refuses a sanction where none belongs, none where one does, and a prison band without prison', async () => {
    const { id, persons } = await newCase();
    expect(refused(await insertStep(id, persons[0]!, 'penalty_order', '1991-03-01'))).toBe(true);
    expect(refused(await insertStep(id, persons[0]!, 'penalty_order', '1991-03-01', 'prison', 'under_6_months'))).toBe(
      true,
    );
    expect(refused(await insertStep(id, persons[0]!, 'discontinued', '1991-03-01', 'fine'))).toBe(true);
    expect(await insertStep(id, persons[1]!, 'prosecuted', '1991-03-01')).toBe('ok');
    expect(refused(await insertStep(id, persons[1]!, 'convicted', '1991-04-01', 'fine', 'under_6_months'))).toBe(true);
    expect(refused(await insertStep(id, persons[1]!, 'convicted', '1991-04-01', 'prison'))).toBe(true);
    expect(await insertStep(id, persons[1]!, 'convicted', '1991-04-01', 'prison', 'under_6_months')).toBe('ok');
  });

  it('refuses an offence the case does not have, a prosecution without one, and removing one a step names', async () => {
    const { id, persons } = await newCase();
    const db = await getDb();
    const write = (f: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<unknown>) =>
      db.transaction(f).then(
        () => 'ok',
        () => 'refused',
      );
    expect(
      await write(async (tx) => {
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(
            sql`insert into perpetrator_steps (case_id, party_id, step, occurred_on) values (${id}, ${persons[0]}, 'prosecuted', '1991-03-01') returning id`,
          ),
        );
        await tx.execute(sql`insert into perpetrator_step_offences values (${row!.id}, 'procuring')`);
      }),
    ).toBe('refused');
    expect(
      await write((tx) =>
        tx.execute(
          sql`insert into perpetrator_steps (case_id, party_id, step, occurred_on) values (${id}, ${persons[0]}, 'prosecuted', '1991-03-01')`,
        ),
      ),
    ).toBe('refused');
    await record(id, [persons[0]!], 'prosecuted', '1991-03-01', { offences: ['sex_purchase'] });
    expect(
      await write((tx) =>
        tx.execute(sql`delete from case_offences where case_id = ${id} and offence = 'sex_purchase'`),
      ),
    ).toBe('refused');
    expect(
      await write((tx) =>
        tx.execute(sql`delete from case_offences where case_id = ${id} and offence = 'trafficking_sexual'`),
      ),
    ).toBe('ok');
  });
});

describe('editing the parties of a case with persons’ steps', () => {
  async function editValues(id: string) {
    const d = await getCaseForActor(coordinator, id);
    return CaseEditSchema.parse({
      ...d,
      version: String(d.version),
      policeReportNumber: d.policeReportNumber ?? '',
      notes: d.notes ?? '',
    });
  }

  it('keeps each party’s id through an edit: updated in place, new ones added, removed ones deleted', async () => {
    const { id, persons } = await newCase();
    await record(id, [persons[0]!], 'prosecuted', '1991-03-01');
    const values = await editValues(id);
    const [v, p1, p2] = values.parties;
    // Reordered, the buyer removed, the exploiter's age changed, a new victim added.
    await updateCase(coordinator, {
      ...values,
      parties: [{ ...p1!, ageBand: '36_50' } as typeof p1 & object, v!, { ...v!, id: null, ageBand: '15_17' }],
    });
    const detail = await getCaseForActor(coordinator, id);
    expect(detail.parties.map((p) => p.id)).toEqual([p1!.id, v!.id, expect.any(String)]);
    expect(detail.parties[2]!.id).not.toBe(p2!.id);
    expect(detail.parties[0]).toMatchObject({ ageBand: '36_50', role: 'perpetrator' });
    expect(detail.perpetratorPaths).toHaveLength(1);
    expect(detail.perpetratorPaths[0]).toMatchObject({ partyId: p1!.id, number: 1, latest: 'prosecuted' });
    expect(await caseState(id)).toMatchObject({ status: 'prosecuted' });
  });

  it('refuses removing a perpetrator who has steps, or making them a victim, with a field error', async () => {
    const { id, persons } = await newCase();
    await record(id, [persons[1]!], 'penalty_order', '1991-03-01', { offences: ['sex_purchase'], sanction: 'fine' });
    const values = await editValues(id);
    const [v, p1, p2] = values.parties;
    expect(await refusal(updateCase(coordinator, { ...values, parties: [v!, p1!] }))).toMatchObject({
      code: 'invalid',
      field: 'parties',
      message: 'validation.perpetratorRemovedHasSteps',
    });
    expect(
      await refusal(updateCase(coordinator, { ...values, parties: [v!, p1!, { ...v!, id: p2!.id }] })),
    ).toMatchObject({ field: 'parties.2.role', message: 'validation.perpetratorHasSteps' });
    // A party of another case cannot be slipped in.
    const other = await newCase();
    expect(
      await refusal(updateCase(coordinator, { ...values, parties: [v!, p1!, p2!, { ...p1!, id: other.persons[0]! }] })),
    ).toMatchObject({ field: 'parties.3.id' });
    // Removing the one without steps is fine; so is removing an offence no step names.
    expect(await refusal(updateCase(coordinator, { ...values, parties: [v!, p2!], offences: ['sex_purchase'] }))).toBe(
      'ok',
    );
    const again = await editValues(id);
    expect(await refusal(updateCase(coordinator, { ...again, offences: ['trafficking_sexual'] }))).toMatchObject({
      field: 'offences',
      message: 'validation.offenceNamedByStep',
    });
    // And the database refuses both by itself.
    const db = await getDb();
    expect(
      await refusal(db.execute(sql`delete from case_parties where id = ${p2!.id}`)).catch(() => 'refused'),
    ).not.toBe('ok');
    expect(
      await refusal(
        db.execute(
          sql`update case_parties set role = 'victim', perpetrator_role = null, plaintiff_status = 'yes', residence_permit = 'applied', support = '{none}' where id = ${p2!.id}`,
        ),
      ).catch(() => 'refused'),
    ).not.toBe('ok');
  });
});
