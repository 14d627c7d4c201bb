// The police report number takes the police's own format (5000-K123456-25), in the form's schema
// and in the database; numbers stored before the format was enforced stay readable, are listed
// by `npm run db:check`, and must be corrected before the case changes again.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { rowsOf } from '@/db/rows';
import { POLICE_REPORT_NUMBER_FORMAT } from '@/db/schema';
import { makeUser } from '@/db/test/helpers';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { CaseSchema, POLICE_REPORT_NUMBER_PATTERN, type CaseInput } from '@/lib/schemas/cases';
import { getCaseForActor } from './detail';
import { findUnfitPoliceReportNumbers } from './police-report-number-check';
import { createCase, deleteCase, updateCase } from './register';
import { recordStatusStep } from './status';
import { databaseErrorFacts } from '@/db/errors';

function form(policeReportNumber: string): CaseInput {
  return {
    countyCode: '01',
    reportedOn: '2024-03-01',
    reportingBody: 'police',
    policeReportNumber,
    offences: ['trafficking_sexual'],
    arena: 'apartment',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: [],
    notes: '',
    parties: [],
  };
}

const numberMessage = (typed: string) => {
  const parsed = CaseSchema.safeParse(form(typed));
  return parsed.success ? parsed.data.policeReportNumber : parsed.error.issues.map((i) => i.message).join(' ');
};

/** A fresh number in the format, so that tests do not find each other's cases. */
const fresh = () => `0100-K${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}-24`;

let staff01: Actor;
let coordinator01: Actor;

beforeAll(async () => {
  [staff01, coordinator01] = await Promise.all([makeUser('county_staff', '01'), makeUser('county_coordinator', '01')]);
});

describe('the form takes the police’s format: unit, K, serial of 1–7 digits, year', () => {
  it.each([
    ['5000-K123456-25', '5000-K123456-25'],
    ['0200-K1-26', '0200-K1-26'],
    ['5000-K1234567-25', '5000-K1234567-25'],
    [' 5000-k123456-25 ', '5000-K123456-25'],
    ['5000 - K123456 - 25', '5000-K123456-25'],
    ['5000–K123456–25', '5000-K123456-25'],
    ['５０００-Ｋ１２３４５６-２５', '5000-K123456-25'],
    ['', null],
  ])('%j is stored as %j', (typed, stored) => {
    expect(numberMessage(typed)).toBe(stored);
  });

  it.each([
    'K123456-25',
    '5000-K12345678-25',
    '500-K123456-25',
    '5000-A123456-25',
    '5000-K123456-2025',
    '5000-K-25',
    '1400-K 12345/23',
    '5000-K12 3456-25',
    '5000K12345625',
    'K123; drop table',
  ])('%j is refused', (typed) => {
    expect(numberMessage(typed)).toBe('validation.policeReportNumber');
  });
});

it('names an identity number in the serial as such, not as a wrong format', () => {
  expect(numberMessage('5000-K8501011236-25')).toBe('validation.personalData.personal_number');
});

describe('the database refuses a number outside the format', () => {
  it('with the same pattern as the form', () => {
    expect(POLICE_REPORT_NUMBER_PATTERN.source).toBe(POLICE_REPORT_NUMBER_FORMAT);
  });

  it('written past the form (the data layer called directly)', async () => {
    const input = { ...CaseSchema.parse(form(fresh())), policeReportNumber: '1400-K 12345/23' };
    const error = await createCase(staff01, input).then(
      () => null,
      (e: unknown) => databaseErrorFacts(e),
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'cases_police_report_number_format' });
  });
});

/** A case as stored before the format was enforced: the constraint is lifted for the one write, as in an old database. */
async function legacyCase(number: string): Promise<string> {
  const { id } = await createCase(staff01, CaseSchema.parse(form(fresh())));
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [constraint] = rowsOf<{ def: string }>(
      await tx.execute(
        sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'cases_police_report_number_format'`,
      ),
    );
    if (constraint) await tx.execute(sql`alter table cases drop constraint cases_police_report_number_format`);
    await tx.execute(sql`update cases set police_report_number = ${number} where id = ${id}`);
    if (constraint)
      await tx.execute(sql.raw(`alter table cases add constraint cases_police_report_number_format ${constraint.def}`));
  });
  return id;
}

describe('a number stored before the format was enforced', () => {
  it('stays readable, is listed by the check, and must be corrected before the case changes again', async () => {
    const old = `1400-K ${randomUUID().slice(0, 5)}/23`;
    const id = await legacyCase(old);
    expect((await getCaseForActor(staff01, id)).policeReportNumber).toBe(old);
    const db = await getDb();
    expect(await findUnfitPoliceReportNumbers(db)).toContainEqual(
      expect.objectContaining({ id, policeReportNumber: old }),
    );

    const refusal = (e: unknown) => (e instanceof AppError ? [e.code, e.details?.field, e.details?.message] : e);
    const expected = ['invalid', 'policeReportNumber', 'validation.policeReportNumberOutdated'];
    const step = { id, version: 1, status: 'investigation' as const, occurredOn: '2024-03-02', note: null };
    expect(await recordStatusStep(staff01, step).then(() => 'ok', refusal)).toEqual(expected);
    expect(await deleteCase(coordinator01, { id, version: 1 }).then(() => 'ok', refusal)).toEqual(expected);

    const fixed = fresh();
    const edit = { ...CaseSchema.parse(form(fixed)), id, version: 1 };
    expect(await updateCase(staff01, edit)).toMatchObject({ version: 2 });
    expect(await findUnfitPoliceReportNumbers(db)).not.toContainEqual(expect.objectContaining({ id }));
    expect(await recordStatusStep(staff01, { ...step, version: 2 })).toMatchObject({ status: 'investigation' });
  });
});
