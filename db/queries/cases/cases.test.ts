import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_NOTES_MAX,
  CaseEditSchema,
  CaseFilterSchema,
  CaseSchema,
  PartySchema,
  STATUS_NOTE_MAX,
  PerpetratorStepSchema,
  StatusStepSchema,
  todayInStockholm,
  type CaseInput,
  type CaseOutput,
  type CaseSort,
} from '@/lib/schemas/cases';
import { AppError } from '@/lib/errors';
import { UUID_PATTERN } from '@/lib/forms/fields';
import { getDb } from '@/db/index';
import type { Actor } from '@/lib/policy';
import type { Role } from '@/lib/roles';
import { auditLog, caseParties, caseReferenceCounters, cases, EVENT_NOTE_MAX, NOTES_MAX } from '@/db/schema';
import { makeRegionalCoordinator, makeUser } from '@/db/test/helpers';
import { findPoliceReportDuplicates } from './duplicates';
import { getCaseForActor } from './detail';
import { COUNT_CAP, exportCasesForActor, listCasesForActor, type CaseFilter } from './list';
import { createCase, deleteCase, restoreCase, updateCase } from './register';
import { recordStatusStep } from './status';
import { recordPerpetratorSteps } from './justice';
import { rowsOf } from '@/db/rows';
import { databaseErrorDetail } from '@/db/errors';

// Each test makes its own cases. Tests that count or order cases keep to a county and a year of
// their own (1990s dates), so they hold on a shared PostgreSQL database and beside other files.

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** A valid form as the browser sends it: strings and string arrays. */
function form(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    countyCode: '01',
    reportedOn: '2024-03-01',
    reportingBody: 'police',
    policeReportNumber: '',
    offences: ['trafficking_sexual'],
    arena: 'apartment',
    onlinePlatform: 'yes',
    crossBorder: 'no',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: ['debt_bondage'],
    notes: '',
    parties: [
      {
        role: 'victim',
        sex: 'woman',
        ageBand: '18_20',
        originRegion: 'eu_east',
        citizenship: 'ro',
        plaintiffStatus: 'yes',
        residencePermit: 'applied',
        support: ['counselling'],
      },
      {
        role: 'perpetrator',
        sex: 'man',
        ageBand: '36_50',
        originRegion: 'sweden',
        citizenship: '',
        perpetratorRole: 'exploiter',
      },
    ],
    ...overrides,
  };
}

function input(overrides: Partial<CaseInput> = {}): CaseOutput {
  return CaseSchema.parse(form(overrides));
}

/** The form's current values of a case, as the edit page would fill them in. */
async function editValues(actor: Actor, id: string) {
  const detail = await getCaseForActor(actor, id);
  return CaseEditSchema.parse({
    id: detail.id,
    version: String(detail.version),
    countyCode: detail.countyCode,
    reportedOn: detail.reportedOn,
    reportingBody: detail.reportingBody,
    policeReportNumber: detail.policeReportNumber,
    offences: detail.offences,
    arena: detail.arena,
    onlinePlatform: detail.onlinePlatform,
    crossBorder: detail.crossBorder,
    crimeEstablished: detail.crimeEstablished,
    coercionDegree: detail.coercionDegree,
    controlMethods: detail.controlMethods,
    notes: detail.notes,
    parties: detail.parties,
  });
}

async function caseRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row!;
}

async function auditActions(id: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'case'), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

let national: Actor;
let analyst: Actor;
let admin: Actor;
let coordinator01: Actor;
let staff01: Actor;
/** Police region Stockholm: counties 01 and 09. */
let regionalStockholm: Actor;

beforeAll(async () => {
  // Accounts are read-only fixtures here; each test makes its own cases.
  [national, analyst, admin, coordinator01, staff01, regionalStockholm] = await Promise.all([
    makeUser('national_coordinator'),
    makeUser('national_analyst'),
    makeUser('admin'),
    makeUser('county_coordinator', '01'),
    makeUser('county_staff', '01'),
    makeRegionalCoordinator('Stockholm'),
  ]);
});

describe('registering a case', () => {
  it('numbers references per county and year from the counter, records the first step and audits the stored fields', async () => {
    const db = await getDb();
    const [before] = await db
      .select({ n: caseReferenceCounters.lastNumber })
      .from(caseReferenceCounters)
      .where(and(eq(caseReferenceCounters.countyCode, '25'), eq(caseReferenceCounters.year, 1994)));
    const start = before?.n ?? 0;
    const coordinator25 = await makeUser('county_coordinator', '25');

    const first = await createCase(
      coordinator25,
      input({ countyCode: '25', reportedOn: '1994-05-02', notes: 'Anmälan via socialtjänsten.' }),
    );
    const second = await createCase(coordinator25, input({ countyCode: '25', reportedOn: '1994-11-30' }));
    const otherYear = await createCase(coordinator25, input({ countyCode: '25', reportedOn: '1995-01-10' }));
    const pad = (n: number) => String(n).padStart(4, '0');
    expect(first.reference).toBe(`BD-1994-${pad(start + 1)}`);
    expect(second.reference).toBe(`BD-1994-${pad(start + 2)}`);
    expect(otherYear.reference).toMatch(/^BD-1995-\d{4}$/);

    const detail = await getCaseForActor(coordinator25, first.id);
    expect(detail).toMatchObject({
      reference: first.reference,
      countyCode: '25',
      county: { code: '25', letter: 'BD' },
      status: 'reported',
      statusOn: '1994-05-02',
      version: 1,
      notes: 'Anmälan via socialtjänsten.',
      offences: ['trafficking_sexual'],
      createdByName: 'Test county_coordinator',
      allowedNextStatuses: ['investigation', 'closed'],
    });
    // Each party has its stored id: an edit updates it in place (decision 012).
    expect(detail.parties.every((p) => UUID_PATTERN.test(p.id!))).toBe(true);
    expect(detail.parties.map((p) => ({ ...p, id: undefined }))).toEqual([
      {
        role: 'victim',
        sex: 'woman',
        ageBand: '18_20',
        originRegion: 'eu_east',
        citizenship: 'RO',
        plaintiffStatus: 'yes',
        residencePermit: 'applied',
        support: ['counselling'],
      },
      {
        role: 'perpetrator',
        sex: 'man',
        ageBand: '36_50',
        originRegion: 'sweden',
        citizenship: null,
        perpetratorRole: 'exploiter',
      },
    ]);
    expect(detail.statusEvents).toEqual([
      expect.objectContaining({
        status: 'reported',
        occurredOn: '1994-05-02',
        recordedByName: 'Test county_coordinator',
      }),
    ]);

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, 'case.create')));
    expect(audit).toMatchObject({ actorId: coordinator25.id, entityType: 'case', countyCode: '25' });
    expect(audit!.changes).toMatchObject({
      reference: first.reference,
      countyCode: '25',
      reportedOn: '1994-05-02',
      offences: ['trafficking_sexual'],
      notes: 'Anmälan via socialtjänsten.',
    });
    expect((audit!.changes as { parties: unknown[] }).parties).toHaveLength(2);
  });

  it('gives 20 concurrent registrations in one county and year unique, contiguous numbers', async () => {
    const staff24 = await makeUser('county_staff', '24');
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createCase(staff24, input({ countyCode: '24', reportedOn: `1996-02-${String(i + 1).padStart(2, '0')}` })),
      ),
    );
    const numbers = created.map((c) => Number(c.reference.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
    expect(created.every((c) => c.reference.startsWith('AC-1996-'))).toBe(true);
  });

  it('rolls the whole registration back when a part is refused, and gives the number back', async () => {
    const db = await getDb();
    const good = await createCase(national, input({ countyCode: '03', reportedOn: '1991-04-04' }));
    const bad = input({ countyCode: '03', reportedOn: '1991-04-05' });
    // Bypass the schema: the database refuses a 3-letter citizenship.
    (bad.parties[0] as { citizenship: string | null }).citizenship = 'SWE';
    await expect(createCase(national, bad)).rejects.toThrow();
    const next = await createCase(national, input({ countyCode: '03', reportedOn: '1991-04-06' }));
    expect(Number(next.reference.split('-')[2])).toBe(Number(good.reference.split('-')[2]) + 1);
    const [orphans] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from cases where county_code = '03' and reported_on = '1991-04-05'`,
      ),
    );
    expect(orphans!.n).toBe(0);
  });
});

describe('who may do what', () => {
  type Outcome = 'ok' | 'forbidden' | 'not_found';
  type Op =
    'read' | 'create' | 'update' | 'status' | 'person_step' | 'delete' | 'restore' | 'list' | 'export' | 'duplicates';
  const OPS: Op[] = [
    'read',
    'create',
    'update',
    'status',
    'person_step',
    'delete',
    'restore',
    'list',
    'export',
    'duplicates',
  ];

  // Own county is 01 for the county roles; "other" is 14. National roles have no own county.
  const expected: Record<string, { role: Role; own: Record<Op, Outcome>; other: Record<Op, Outcome> }> = {
    national_coordinator: {
      role: 'national_coordinator',
      own: {
        read: 'ok',
        create: 'ok',
        update: 'ok',
        status: 'ok',
        person_step: 'ok',
        delete: 'ok',
        restore: 'ok',
        list: 'ok',
        export: 'ok',
        duplicates: 'ok',
      },
      other: {
        read: 'ok',
        create: 'ok',
        update: 'ok',
        status: 'ok',
        person_step: 'ok',
        delete: 'ok',
        restore: 'ok',
        list: 'ok',
        export: 'ok',
        duplicates: 'ok',
      },
    },
    county_coordinator: {
      role: 'county_coordinator',
      own: {
        read: 'ok',
        create: 'ok',
        update: 'ok',
        status: 'ok',
        person_step: 'ok',
        delete: 'ok',
        restore: 'ok',
        list: 'ok',
        export: 'ok',
        duplicates: 'ok',
      },
      other: {
        read: 'not_found',
        create: 'forbidden',
        update: 'not_found',
        status: 'not_found',
        person_step: 'not_found',
        delete: 'not_found',
        restore: 'not_found',
        list: 'not_found',
        export: 'not_found',
        duplicates: 'not_found',
      },
    },
    county_staff: {
      role: 'county_staff',
      own: {
        read: 'ok',
        create: 'ok',
        update: 'ok',
        status: 'ok',
        person_step: 'ok',
        delete: 'forbidden',
        restore: 'forbidden',
        list: 'ok',
        export: 'ok',
        duplicates: 'ok',
      },
      other: {
        read: 'not_found',
        create: 'forbidden',
        update: 'not_found',
        status: 'not_found',
        person_step: 'not_found',
        delete: 'forbidden',
        restore: 'forbidden',
        list: 'not_found',
        export: 'not_found',
        duplicates: 'not_found',
      },
    },
    // Own county: 01, in the region (Stockholm); another: 14, outside it (Väst).
    regional_coordinator: {
      role: 'regional_coordinator',
      own: {
        read: 'ok',
        create: 'ok',
        update: 'ok',
        status: 'ok',
        person_step: 'ok',
        delete: 'forbidden',
        restore: 'forbidden',
        list: 'ok',
        export: 'ok',
        duplicates: 'ok',
      },
      other: {
        read: 'not_found',
        create: 'forbidden',
        update: 'not_found',
        status: 'not_found',
        person_step: 'not_found',
        delete: 'forbidden',
        restore: 'forbidden',
        list: 'not_found',
        export: 'not_found',
        duplicates: 'not_found',
      },
    },
    national_analyst: {
      role: 'national_analyst',
      own: Object.fromEntries(OPS.map((op) => [op, 'forbidden'])) as Record<Op, Outcome>,
      other: Object.fromEntries(OPS.map((op) => [op, 'forbidden'])) as Record<Op, Outcome>,
    },
    admin: {
      role: 'admin',
      own: Object.fromEntries(OPS.map((op) => [op, 'forbidden'])) as Record<Op, Outcome>,
      other: Object.fromEntries(OPS.map((op) => [op, 'forbidden'])) as Record<Op, Outcome>,
    },
  };

  const actorFor = (role: Role): Actor =>
    ({
      national_coordinator: national,
      national_analyst: analyst,
      admin,
      county_coordinator: coordinator01,
      county_staff: staff01,
      regional_coordinator: regionalStockholm,
    })[role];

  /** Run one operation on a fresh case of the county; 'not_found' for the list, export and duplicate search means "not shown". */
  async function attempt(actor: Actor, op: Op, county: string): Promise<{ outcome: Outcome; caseId?: string }> {
    if (op === 'create')
      return { outcome: (await refusal(createCase(actor, input({ countyCode: county })))) as Outcome };
    const number = `${county}00-K${Math.floor(Math.random() * 1e7)}-24`;
    const { id } = await createCase(national, input({ countyCode: county, policeReportNumber: number }));
    const run = async (): Promise<Outcome> => {
      switch (op) {
        case 'read':
          return (await refusal(getCaseForActor(actor, id))) as Outcome;
        case 'update': {
          const values = await editValues(national, id);
          return (await refusal(updateCase(actor, { ...values, notes: 'Ändrad', arena: 'hotel' }))) as Outcome;
        }
        case 'status':
          return (await refusal(
            recordStatusStep(actor, { id, version: 1, status: 'investigation', occurredOn: '2024-03-02', note: null }),
          )) as Outcome;
        case 'person_step': {
          const { perpetratorPaths } = await getCaseForActor(national, id);
          const partyIds = perpetratorPaths.map((p) => p.partyId);
          return (await refusal(
            recordPerpetratorSteps(
              actor,
              PerpetratorStepSchema.parse({
                id,
                version: '1',
                partyIds,
                step: 'prosecuted',
                occurredOn: '2024-03-02',
                offences: ['trafficking_sexual'],
              }),
            ),
          )) as Outcome;
        }
        case 'delete':
          return (await refusal(deleteCase(actor, { id, version: 1 }))) as Outcome;
        case 'restore':
          await deleteCase(national, { id, version: 1 });
          return (await refusal(restoreCase(actor, { id }))) as Outcome;
        case 'list': {
          const result = await refusal(listCasesForActor(actor, { q: number }));
          if (result !== 'ok') return result as Outcome;
          const page = await listCasesForActor(actor, { q: number });
          return page.rows.some((r) => r.id === id) ? 'ok' : 'not_found';
        }
        case 'export': {
          const result = await refusal(exportCasesForActor(actor, { q: number }));
          if (result !== 'ok') return result as Outcome;
          const { rows } = await exportCasesForActor(actor, { q: number });
          return rows.some((r) => r.id === id) ? 'ok' : 'not_found';
        }
        case 'duplicates': {
          const result = await refusal(findPoliceReportDuplicates(actor, number));
          if (result !== 'ok') return result as Outcome;
          const found = await findPoliceReportDuplicates(actor, number);
          if (found.sameCounty.some((c) => c.id === id)) return 'ok';
          // Another county's case: only that one exists, never which.
          expect(found).toEqual({ sameCounty: [], otherCounty: true });
          return 'not_found';
        }
      }
      throw new Error(op);
    };
    return { outcome: await run(), caseId: id };
  }

  for (const [name, { role, own, other }] of Object.entries(expected)) {
    for (const op of OPS) {
      it(`${name}: ${op} in own county → ${own[op]}, in another county → ${other[op]}`, async () => {
        const actor = actorFor(role);
        expect((await attempt(actor, op, '01')).outcome).toBe(own[op]);
        const elsewhere = await attempt(actor, op, '14');
        expect(elsewhere.outcome).toBe(other[op]);
        if (elsewhere.caseId && other[op] !== 'ok' && ['update', 'status', 'person_step', 'delete'].includes(op)) {
          // A refused change leaves the other county's case as it was.
          const row = await caseRow(elsewhere.caseId);
          expect(row).toMatchObject({
            version: 1,
            status: 'reported',
            arena: 'apartment',
            notes: null,
            deletedAt: null,
          });
        }
      });
    }
  }
});

describe('reading a case', () => {
  it('writes a case.read audit row on every read, and keeps reads out of the history', async () => {
    const { id } = await createCase(staff01, input());
    await getCaseForActor(staff01, id);
    const detail = await getCaseForActor(coordinator01, id);
    expect((await auditActions(id)).filter((a) => a === 'case.read')).toHaveLength(2);
    expect(detail.history.map((h) => h.action)).toEqual(['case.create']);
    expect(detail.history[0]).toMatchObject({ actorName: 'Test county_staff' });
  });

  it('answers a malformed id as not found, without asking the database to parse it', async () => {
    for (const id of ['', 'abc', "' or 1=1 --", '00000000-0000-0000-0000-00000000000g']) {
      await expect(getCaseForActor(staff01, id)).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(getCaseForActor(staff01, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lists the history newest first with who made each change', async () => {
    const { id } = await createCase(staff01, input());
    const values = await editValues(staff01, id);
    await updateCase(coordinator01, { ...values, arena: 'hotel' });
    await recordStatusStep(staff01, {
      id,
      version: 2,
      status: 'investigation',
      occurredOn: '2024-04-01',
      note: 'FU inledd',
    });
    const detail = await getCaseForActor(staff01, id);
    expect(detail.history.map((h) => [h.action, h.actorName])).toEqual([
      ['case.status', 'Test county_staff'],
      ['case.update', 'Test county_coordinator'],
      ['case.create', 'Test county_staff'],
    ]);
    expect(detail.history[1]!.changes).toEqual({ arena: { from: 'apartment', to: 'hotel' } });
  });
});

describe('editing a case', () => {
  it('saves the changes, replaces offences and parties, and audits only what changed', async () => {
    const { id } = await createCase(staff01, input());
    const values = await editValues(staff01, id);
    const saved = await updateCase(staff01, {
      ...values,
      offences: ['procuring_gross', 'trafficking_sexual'],
      coercionDegree: 'degree_1',
      parties: [
        values.parties[1]!,
        {
          id: null,
          role: 'victim',
          sex: 'woman',
          ageBand: '15_17',
          originRegion: 'west_africa',
          citizenship: 'NG',
          plaintiffStatus: 'unknown',
          residencePermit: 'granted',
          support: ['sheltered_housing', 'legal_counsel'],
        },
      ],
    });
    expect(saved).toEqual({ id, version: 2 });

    const detail = await getCaseForActor(staff01, id);
    expect(detail).toMatchObject({
      version: 2,
      coercionDegree: 'degree_1',
      offences: ['trafficking_sexual', 'procuring_gross'],
      arena: 'apartment',
    });
    expect(detail.parties.map((p) => p.role)).toEqual(['perpetrator', 'victim']);
    expect(detail.parties[1]).toMatchObject({ citizenship: 'NG', support: ['sheltered_housing', 'legal_counsel'] });

    const update = detail.history.find((h) => h.action === 'case.update')!;
    expect(Object.keys(update.changes!).sort()).toEqual(['coercionDegree', 'offences', 'parties']);
    expect(update.changes!.offences).toEqual({
      from: ['trafficking_sexual'],
      to: ['trafficking_sexual', 'procuring_gross'],
    });
  });

  it('refuses a stale edit with the current values and who changed them, and overwrites nothing', async () => {
    const { id } = await createCase(staff01, input({ notes: 'Första versionen' }));
    const mine = await editValues(staff01, id);
    const theirs = await editValues(coordinator01, id);
    await updateCase(coordinator01, { ...theirs, notes: 'Samordnarens ändring', arena: 'hotel' });

    const error = await updateCase(staff01, { ...mine, notes: 'Min ändring' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict' });
    const details = (error as AppError).details!;
    expect(details.current).toMatchObject({
      id,
      version: 2,
      notes: 'Samordnarens ändring',
      arena: 'hotel',
      countyCode: '01',
      offences: ['trafficking_sexual'],
    });
    expect(details.updatedBy).toBe('Test county_coordinator');
    expect(typeof details.updatedAt).toBe('string');
    // The details are plain data the form can show and load (the action returns them to the browser).
    expect(CaseEditSchema.safeParse(details.current).success).toBe(true);

    expect(await caseRow(id)).toMatchObject({ version: 2, notes: 'Samordnarens ändring', arena: 'hotel' });
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const { id } = await createCase(staff01, input());
    const values = await editValues(staff01, id);
    expect(await updateCase(staff01, values)).toEqual({ id, version: 1 });
    expect((await auditActions(id)).filter((a) => a !== 'case.read')).toEqual(['case.create']);
  });

  it('keeps the county (the reference carries its letter)', async () => {
    const { id, reference } = await createCase(national, input());
    const values = await editValues(national, id);
    await expect(updateCase(national, { ...values, countyCode: '14', notes: 'flytt' })).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'countyCode' },
    });
    expect(await caseRow(id)).toMatchObject({ countyCode: '01', reference, version: 1 });
  });

  it('moves the reported step with the report date, but never past a later step', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2024-03-01' }));
    let values = await editValues(staff01, id);
    await updateCase(staff01, { ...values, reportedOn: '2024-02-20' });
    let detail = await getCaseForActor(staff01, id);
    expect(detail).toMatchObject({ reportedOn: '2024-02-20', statusOn: '2024-02-20' });
    expect(detail.statusEvents[0]).toMatchObject({ status: 'reported', occurredOn: '2024-02-20' });

    await recordStatusStep(staff01, { id, version: 2, status: 'investigation', occurredOn: '2024-03-10', note: null });
    values = await editValues(staff01, id);
    await expect(updateCase(staff01, { ...values, reportedOn: '2024-03-11' })).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'reportedOn' },
    });
    await updateCase(staff01, { ...values, reportedOn: '2024-03-10' });
    detail = await getCaseForActor(staff01, id);
    expect(detail).toMatchObject({ reportedOn: '2024-03-10', status: 'investigation', statusOn: '2024-03-10' });
  });
});

describe('status pipeline', () => {
  it('follows reported → investigation → discontinued → closed for a case without a known perpetrator', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2023-01-10', parties: [] }));
    const steps = [
      ['investigation', '2023-01-20', ['discontinued', 'closed']],
      ['discontinued', '2023-06-01', ['closed']],
      ['closed', '2023-12-31', []],
    ] as const;
    let version = 1;
    for (const [status, occurredOn, next] of steps) {
      const result = await recordStatusStep(
        staff01,
        StatusStepSchema.parse({ id, version: String(version), status, occurredOn, note: '' }),
      );
      expect(result).toEqual({ id, version: version + 1, status });
      version = result.version;
      const detail = await getCaseForActor(staff01, id);
      expect(detail).toMatchObject({ status, statusOn: occurredOn, version });
      expect(detail.allowedNextStatuses).toEqual(next);
    }
    const detail = await getCaseForActor(staff01, id);
    expect(detail.statusEvents.map((e) => e.status)).toEqual(['reported', 'investigation', 'discontinued', 'closed']);
    expect(detail.statusEvents.every((e) => e.recordedByName === 'Test county_staff')).toBe(true);
    expect((await auditActions(id)).filter((a) => a === 'case.status')).toHaveLength(3);
  });

  it('leaves discontinuation, prosecution and judgments to the persons once a perpetrator is known', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2023-01-10' }));
    await recordStatusStep(staff01, { id, version: 1, status: 'investigation', occurredOn: '2023-01-20', note: null });
    expect((await getCaseForActor(staff01, id)).allowedNextStatuses).toEqual(['closed']);
    for (const status of ['discontinued', 'prosecuted', 'convicted', 'acquitted'] as const)
      await expect(
        recordStatusStep(staff01, { id, version: 2, status, occurredOn: '2023-02-01', note: null }),
      ).rejects.toMatchObject({
        code: 'invalid',
        details: {
          field: 'status',
          message: status === 'discontinued' ? 'validation.statusPerPerson' : expect.any(String),
        },
      });
    expect(await caseRow(id)).toMatchObject({ status: 'investigation', version: 2 });
  });

  it('refuses a step that does not follow from the current status', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2023-01-10' }));
    await expect(
      recordStatusStep(staff01, { id, version: 1, status: 'convicted', occurredOn: '2023-02-01', note: null }),
    ).rejects.toMatchObject({ code: 'invalid', message: 'status_transition' });
    await recordStatusStep(staff01, { id, version: 1, status: 'closed', occurredOn: '2023-02-01', note: null });
    await expect(
      recordStatusStep(staff01, { id, version: 2, status: 'investigation', occurredOn: '2023-02-02', note: null }),
    ).rejects.toMatchObject({ message: 'status_transition' });
    expect(await caseRow(id)).toMatchObject({ status: 'closed', version: 2 });
  });

  it('refuses a date before the latest step and accepts the same day', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2023-05-10' }));
    await expect(
      recordStatusStep(staff01, { id, version: 1, status: 'investigation', occurredOn: '2023-05-09', note: null }),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: 'status_date_before_previous',
      details: { field: 'occurredOn', previous: '2023-05-10' },
    });
    await recordStatusStep(staff01, { id, version: 1, status: 'investigation', occurredOn: '2023-05-10', note: null });
  });

  it('refuses a stale step with a conflict', async () => {
    const { id } = await createCase(staff01, input({ reportedOn: '2023-05-10' }));
    await recordStatusStep(coordinator01, {
      id,
      version: 1,
      status: 'investigation',
      occurredOn: '2023-05-11',
      note: null,
    });
    await expect(
      recordStatusStep(staff01, { id, version: 1, status: 'closed', occurredOn: '2023-05-12', note: null }),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: { status: 'investigation', updatedBy: 'Test county_coordinator' },
    });
  });

  it('refuses a future date and the first step in the schema', () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const result = StatusStepSchema.safeParse({
      id: crypto.randomUUID(),
      version: '1',
      status: 'investigation',
      occurredOn: tomorrow,
      note: '',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['occurredOn', 'validation.dateFuture'],
    ]);
    const reported = StatusStepSchema.safeParse({
      id: crypto.randomUUID(),
      version: '1',
      status: 'reported',
      occurredOn: '2024-01-01',
    });
    expect(reported.error!.issues.map((i) => i.path.join('.'))).toEqual(['status']);
  });
});

describe('soft delete and restore', () => {
  it('hides a deleted case from the list and from staff; the coordinator can still open it and restore it', async () => {
    const number = `0100-K${Math.floor(Math.random() * 1e7)}-24`;
    const { id } = await createCase(staff01, input({ policeReportNumber: number }));
    await deleteCase(coordinator01, { id, version: 1 });

    expect((await listCasesForActor(coordinator01, { q: number })).rows).toEqual([]);
    expect((await listCasesForActor(staff01, { q: number, includeDeleted: true })).rows).toEqual([]);
    expect((await listCasesForActor(coordinator01, { q: number, includeDeleted: true })).rows).toEqual([
      expect.objectContaining({ id, deletedAt: expect.any(Date) }),
    ]);
    await expect(getCaseForActor(staff01, id)).rejects.toMatchObject({ code: 'not_found' });
    const seen = await getCaseForActor(coordinator01, id);
    expect(seen).toMatchObject({
      deletedByName: 'Test county_coordinator',
      permissions: { update: false, delete: false, restore: true },
      allowedNextStatuses: [],
    });
    expect(await findPoliceReportDuplicates(staff01, number)).toEqual({ sameCounty: [], otherCounty: false });

    // A deleted case cannot be changed until it is restored.
    await expect(
      recordStatusStep(coordinator01, {
        id,
        version: 2,
        status: 'investigation',
        occurredOn: '2024-03-02',
        note: null,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteCase(coordinator01, { id, version: 2 })).rejects.toMatchObject({ code: 'not_found' });

    expect(await restoreCase(coordinator01, { id })).toEqual({ id, version: 3 });
    expect((await listCasesForActor(staff01, { q: number })).rows.map((r) => r.id)).toEqual([id]);
    expect(await getCaseForActor(staff01, id)).toMatchObject({ deletedAt: null, deletedByName: null });
    await expect(restoreCase(coordinator01, { id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await auditActions(id)).filter((a) => a !== 'case.read')).toEqual([
      'case.create',
      'case.delete',
      'case.restore',
    ]);
  });

  it('refuses to delete a case changed since it was loaded', async () => {
    const { id } = await createCase(staff01, input());
    const values = await editValues(staff01, id);
    await updateCase(staff01, { ...values, arena: 'street' });
    await expect(deleteCase(coordinator01, { id, version: 1 })).rejects.toMatchObject({ code: 'conflict' });
    expect((await caseRow(id)).deletedAt).toBeNull();
  });
});

describe('the case list', () => {
  const ids = async (actor: Actor, filter: CaseFilter) =>
    (await listCasesForActor(actor, filter, 100)).rows.map((r) => r.id);

  it('filters by period, offence, status, coercion, reporting body, crime established and search text, with exact totals', async () => {
    const coordinator20 = await makeUser('county_coordinator', '20');
    const period = { county: '20', from: '1997-01-01', to: '1997-12-31' } as const;
    const a = await createCase(
      coordinator20,
      input({
        countyCode: '20',
        reportedOn: '1997-01-15',
        offences: ['sex_purchase'],
        coercionDegree: 'degree_3',
        reportingBody: 'police',
        crimeEstablished: 'yes',
        policeReportNumber: '2000-K1-97',
      }),
    );
    const b = await createCase(
      coordinator20,
      input({
        countyCode: '20',
        reportedOn: '1997-03-01',
        offences: ['procuring_gross', 'trafficking_sexual'],
        coercionDegree: 'degree_1',
        reportingBody: 'ngo',
        crimeEstablished: 'uncertain',
      }),
    );
    const c = await createCase(
      coordinator20,
      input({
        countyCode: '20',
        reportedOn: '1997-06-30',
        offences: ['trafficking_sexual'],
        coercionDegree: 'degree_1',
        reportingBody: 'police',
        crimeEstablished: 'no',
        parties: [],
      }),
    );
    await createCase(coordinator20, input({ countyCode: '20', reportedOn: '1998-01-01' }));
    await recordStatusStep(coordinator20, {
      id: c.id,
      version: 1,
      status: 'investigation',
      occurredOn: '1997-07-01',
      note: null,
    });

    const page = await listCasesForActor(coordinator20, period);
    expect(page).toMatchObject({ total: 3, totalIsLowerBound: false, nextCursor: null, prevCursor: null });
    expect(page.rows.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(page.rows[1]).toMatchObject({
      reference: b.reference,
      countyCode: '20',
      reportedOn: '1997-03-01',
      offences: ['trafficking_sexual', 'procuring_gross'],
      victimCount: 1,
      perpetratorCount: 1,
      status: 'reported',
      deletedAt: null,
    });
    expect(page.rows[0]).toMatchObject({
      victimCount: 0,
      perpetratorCount: 0,
      status: 'investigation',
      statusOn: '1997-07-01',
    });

    expect(await ids(coordinator20, { ...period, from: '1997-02-01', to: '1997-06-30' })).toEqual([c.id, b.id]);
    expect(await ids(coordinator20, { ...period, offence: 'trafficking_sexual' })).toEqual([c.id, b.id]);
    expect(await ids(coordinator20, { ...period, offence: 'procuring_gross' })).toEqual([b.id]);
    expect(await ids(coordinator20, { ...period, status: 'investigation' })).toEqual([c.id]);
    expect(await ids(coordinator20, { ...period, coercionDegree: 'degree_1' })).toEqual([c.id, b.id]);
    expect(await ids(coordinator20, { ...period, reportingBody: 'ngo' })).toEqual([b.id]);
    expect(await ids(coordinator20, { ...period, crimeEstablished: 'no' })).toEqual([c.id]);
    expect(
      await ids(coordinator20, {
        ...period,
        offence: 'trafficking_sexual',
        coercionDegree: 'degree_1',
        reportingBody: 'police',
      }),
    ).toEqual([c.id]);
    expect((await listCasesForActor(coordinator20, { ...period, offence: 'trafficking_sexual' })).total).toBe(2);
    // Search: the exact reference in any case, or the police report number however it is spaced.
    expect(await ids(coordinator20, { q: b.reference.toLowerCase() })).toEqual([b.id]);
    expect(await ids(coordinator20, { q: ' 2000-k1-97 ' })).toEqual([a.id]);
    expect(await ids(coordinator20, { q: b.reference.slice(0, -1) })).toEqual([]);
  });

  it('keeps county roles to their own county whatever the URL says, while national roles may pick one', async () => {
    const number = `1400-K${Math.floor(Math.random() * 1e7)}-24`;
    const { id } = await createCase(national, input({ countyCode: '14', policeReportNumber: number }));
    expect(await ids(staff01, { county: '14', q: number })).toEqual([]);
    expect(await ids(national, { county: '14', q: number })).toEqual([id]);
    expect(await ids(national, { county: '01', q: number })).toEqual([]);
  });

  it.each<CaseSort>(['reported_desc', 'reported_asc', 'reference_asc', 'reference_desc'])(
    'walks %s pages forwards and back without gaps or repeats',
    async (sort) => {
      const county = '21';
      const coordinator = await makeUser('county_coordinator', county);
      const year = { reported_desc: 1998, reported_asc: 1999, reference_asc: 2000, reference_desc: 2001 }[sort];
      // Several cases share a day: the id breaks the tie.
      const days = ['01-05', '01-05', '01-05', '02-10', '03-15', '03-15', '04-20'];
      const created: { id: string; reference: string; reportedOn: string }[] = [];
      for (const day of days) {
        const reportedOn = `${year}-${day}`;
        created.push({ ...(await createCase(coordinator, input({ countyCode: county, reportedOn }))), reportedOn });
      }
      const filter: CaseFilter = { from: `${year}-01-01`, to: `${year}-12-31`, sort };

      const forwards: string[] = [];
      let page = await listCasesForActor(coordinator, filter, 3);
      expect(page.prevCursor).toBeNull();
      const pages = [page];
      forwards.push(...page.rows.map((r) => r.id));
      while (page.nextCursor) {
        page = await listCasesForActor(coordinator, { ...filter, cursor: page.nextCursor }, 3);
        pages.push(page);
        forwards.push(...page.rows.map((r) => r.id));
      }
      expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 1]);
      expect(pages.every((p) => p.total === 7)).toBe(true);

      const byKey = [...created].sort((x, y) =>
        sort.startsWith('reference')
          ? x.reference.localeCompare(y.reference)
          : x.reportedOn.localeCompare(y.reportedOn) || x.id.localeCompare(y.id),
      );
      const ascending = sort.endsWith('asc');
      expect(forwards).toEqual((ascending ? byKey : byKey.reverse()).map((c) => c.id));

      // And back again from the last page.
      const backwards: string[] = [...page.rows.map((r) => r.id)];
      while (page.prevCursor) {
        page = await listCasesForActor(coordinator, { ...filter, cursor: page.prevCursor }, 3);
        backwards.unshift(...page.rows.map((r) => r.id));
      }
      expect(backwards).toEqual(forwards);
      expect(page.rows.map((r) => r.id)).toEqual(forwards.slice(0, 3));
    },
  );

  it('ignores a cursor that does not decode or belongs to another sort', async () => {
    const first = await listCasesForActor(staff01, {}, 2);
    const other = await listCasesForActor(staff01, { sort: 'reported_desc', cursor: first.nextCursor ?? undefined }, 2);
    expect(
      (await listCasesForActor(staff01, { sort: 'reference_asc', cursor: other.nextCursor ?? undefined }, 2))
        .prevCursor,
    ).toBeNull();
    expect((await listCasesForActor(staff01, { cursor: 'bm9uc2Vuc2U' }, 2)).rows.map((r) => r.id)).toEqual(
      first.rows.map((r) => r.id),
    );
  });

  describe('with more matches than the count cap', () => {
    const county = '22';
    beforeAll(async () => {
      // Fast raw rows: the cap is about counting, not about registering.
      const db = await getDb();
      await db.execute(sql`
        insert into cases (reference, county_code, reported_on, reporting_body, arena, crime_established, coercion_degree, status, status_on)
        select 'Y-1993-' || lpad(n::text, 6, '0'), ${county}, date '1993-01-01' + (n % 365), 'police', 'street', 'yes', 'degree_3', 'reported', date '1993-01-01' + (n % 365)
        from generate_series(1, ${COUNT_CAP + 5}) n`);
    });
    afterAll(async () => {
      const db = await getDb();
      await db.execute(sql`delete from cases where county_code = ${county} and reference like 'Y-1993-%'`);
    });

    it('counts exactly up to the cap and says "more than" above it', async () => {
      const coordinator22 = await makeUser('county_coordinator', county);
      const period = { from: '1993-01-01', to: '1993-12-31' };
      const all = await listCasesForActor(coordinator22, period);
      expect(all).toMatchObject({ total: COUNT_CAP, totalIsLowerBound: true });
      expect(all.rows).toHaveLength(25);
      expect(all.rows[0]!.reportedOn).toBe('1993-12-31');
      const fewer = await listCasesForActor(coordinator22, { from: '1993-01-01', to: '1993-01-31' });
      const inJanuary = Array.from({ length: COUNT_CAP + 5 }, (_, i) => (i + 1) % 365).filter((day) => day < 31).length;
      expect(fewer).toMatchObject({ total: inJanuary, totalIsLowerBound: false });
    });
  });
});

describe('export', () => {
  it('gives every matching case of the actor with offences and party counts, and audits the filter', async () => {
    const coordinator19 = await makeUser('county_coordinator', '19');
    const a = await createCase(
      coordinator19,
      input({ countyCode: '19', reportedOn: '1992-02-02', offences: ['sex_purchase', 'procuring'] }),
    );
    const b = await createCase(coordinator19, input({ countyCode: '19', reportedOn: '1992-03-03', parties: [] }));
    await createCase(national, input({ countyCode: '18', reportedOn: '1992-02-02' }));
    const filter = CaseFilterSchema.parse({ from: '1992-01-01', to: '1992-12-31', county: '18' });
    const { rows, truncated } = await exportCasesForActor(coordinator19, filter);
    expect(truncated).toBe(false);
    expect(rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(rows[1]).toMatchObject({
      reference: a.reference,
      countyCode: '19',
      offences: ['procuring', 'sex_purchase'],
      victimCount: 1,
      perpetratorCount: 1,
      arena: 'apartment',
      onlinePlatform: 'yes',
      controlMethods: ['debt_bondage'],
    });
    expect(rows[0]).toMatchObject({ victimCount: 0, perpetratorCount: 0 });

    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, coordinator19.id), eq(auditLog.action, 'case.export')));
    expect(audit!.changes).toMatchObject({
      filter: { from: '1992-01-01', to: '1992-12-31', county: '18' },
      rowCount: 2,
      truncated: false,
    });
  });
});

describe('police report number duplicates', () => {
  it('names the cases the actor may read and only says whether others exist elsewhere', async () => {
    const number = `1000-K${Math.floor(Math.random() * 1e7)}-24`;
    const own = await createCase(staff01, input({ policeReportNumber: number }));
    const elsewhere = await createCase(national, input({ countyCode: '12', policeReportNumber: number }));

    const forStaff = await findPoliceReportDuplicates(staff01, ` ${number.toLowerCase()} `);
    expect(forStaff).toEqual({ sameCounty: [{ id: own.id, reference: own.reference }], otherCounty: true });
    expect(JSON.stringify(forStaff)).not.toContain(elsewhere.id);
    expect(JSON.stringify(forStaff)).not.toContain(elsewhere.reference);
    // Editing the case itself: it is not its own duplicate.
    expect(await findPoliceReportDuplicates(staff01, number, own.id)).toEqual({ sameCounty: [], otherCounty: true });

    const coordinator12 = await makeUser('county_coordinator', '12');
    expect(await findPoliceReportDuplicates(coordinator12, number)).toEqual({
      sameCounty: [{ id: elsewhere.id, reference: elsewhere.reference }],
      otherCounty: true,
    });
    const forNational = await findPoliceReportDuplicates(national, number);
    expect(forNational.sameCounty.map((c) => c.id).sort()).toEqual([own.id, elsewhere.id].sort());
    expect(forNational.otherCounty).toBe(false);
    expect(await findPoliceReportDuplicates(staff01, '')).toEqual({ sameCounty: [], otherCounty: false });
  });
});

describe('the database refuses bad values whatever the app does', () => {
  async function validCaseId(): Promise<string> {
    return (await createCase(national, input())).id;
  }

  it('refuses a value outside an enum', async () => {
    const db = await getDb();
    const error = await db
      .execute(
        sql`insert into cases (reference, county_code, reported_on, reporting_body, arena, crime_established, coercion_degree, status_on)
            values ('AB-1990-999999', '01', '2020-01-01', 'the_neighbour', 'street', 'yes', 'degree_1', '2020-01-01')`,
      )
      .catch((e: unknown) => e);
    expect(databaseErrorDetail(error)).toMatch(/invalid input value for enum reporting_body/);
    const id = await validCaseId();
    expect(
      databaseErrorDetail(
        await db
          .execute(sql`insert into case_offences (case_id, offence) values (${id}, 'shoplifting')`)
          .catch((e: unknown) => e),
      ),
    ).toMatch(/enum offence/);
  });

  it('refuses victim facts on perpetrators and perpetrator facts on victims', async () => {
    const db = await getDb();
    const caseId = await validCaseId();
    const victim = {
      caseId,
      position: 10,
      role: 'victim' as const,
      sex: 'woman' as const,
      ageBand: '18_20' as const,
      originRegion: 'asia' as const,
      plaintiffStatus: 'yes' as const,
      residencePermit: 'applied' as const,
      support: ['none' as const],
    };
    expect(
      databaseErrorDetail(
        await db
          .insert(caseParties)
          .values({ ...victim, perpetratorRole: 'buyer' })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/case_parties_role_fields/);
    expect(
      databaseErrorDetail(
        await db
          .insert(caseParties)
          .values({ ...victim, role: 'perpetrator', perpetratorRole: 'buyer' })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/case_parties_role_fields/);
    await db.insert(caseParties).values(victim);
  });

  it('refuses notes over 2000 characters and a lower-case citizenship', async () => {
    const db = await getDb();
    const id = await validCaseId();
    expect(
      databaseErrorDetail(
        await db
          .update(cases)
          .set({ notes: 'x'.repeat(NOTES_MAX + 1) })
          .where(eq(cases.id, id))
          .catch((e: unknown) => e),
      ),
    ).toMatch(/cases_notes_length/);
    await db
      .update(cases)
      .set({ notes: 'x'.repeat(NOTES_MAX) })
      .where(eq(cases.id, id));
    const perpetrator = {
      caseId: id,
      position: 11,
      role: 'perpetrator' as const,
      sex: 'man' as const,
      ageBand: '26_35' as const,
      originRegion: 'sweden' as const,
      perpetratorRole: 'buyer' as const,
    };
    expect(
      databaseErrorDetail(
        await db
          .insert(caseParties)
          .values({ ...perpetrator, citizenship: 'se' })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/case_parties_citizenship_format/);
    await db.insert(caseParties).values({ ...perpetrator, citizenship: 'SE' });
  });
});

describe('the form schemas', () => {
  it('keep the same limits as the database', () => {
    expect(CASE_NOTES_MAX).toBe(NOTES_MAX);
    expect(STATUS_NOTE_MAX).toBe(EVENT_NOTE_MAX);
  });

  it('coerce what form inputs send', () => {
    const parsed = CaseSchema.parse(
      form({
        countyCode: ' 01 ',
        reportedOn: ' 2024-03-01 ',
        offences: 'procuring',
        controlMethods: false,
        policeReportNumber: '  5000-k123456-24 ',
        onlinePlatform: '',
        crossBorder: undefined,
        notes: '   ',
        parties: [
          {
            role: 'perpetrator',
            sex: 'man',
            ageBand: '26_35',
            originRegion: 'nordic',
            citizenship: ' no ',
            perpetratorRole: 'buyer',
            plaintiffStatus: 'yes',
            support: ['none'],
          } as never,
        ],
      }),
    );
    expect(parsed).toMatchObject({
      countyCode: '01',
      reportedOn: '2024-03-01',
      offences: ['procuring'],
      controlMethods: [],
      policeReportNumber: '5000-K123456-24',
      onlinePlatform: 'unknown',
      crossBorder: 'unknown',
      notes: null,
    });
    // The other role's fields are dropped.
    expect(parsed.parties).toEqual([
      {
        id: null,
        role: 'perpetrator',
        sex: 'man',
        ageBand: '26_35',
        originRegion: 'nordic',
        citizenship: 'NO',
        perpetratorRole: 'buyer',
      },
    ]);
    expect(CaseSchema.parse(form({ parties: undefined, policeReportNumber: '' }))).toMatchObject({
      parties: [],
      policeReportNumber: null,
    });
    expect(CaseSchema.parse(form({ offences: ['sex_purchase', 'trafficking_sexual'] })).offences).toEqual([
      'trafficking_sexual',
      'sex_purchase',
    ]);
    expect(CaseEditSchema.parse({ ...form(), id: crypto.randomUUID(), version: '3' }).version).toBe(3);
  });

  function messages(
    data: unknown,
    schema: {
      safeParse: (d: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
    } = CaseSchema,
  ) {
    const result = schema.safeParse(data);
    return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
  }

  it('refuse dates in the future (in Sweden), before 1990 or not on the calendar', () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(messages(form({ reportedOn: tomorrow }))).toEqual({ reportedOn: 'validation.dateFuture' });
    expect(messages(form({ reportedOn: '1989-12-31' }))).toEqual({ reportedOn: 'validation.dateTooEarly' });
    expect(messages(form({ reportedOn: '2025-02-30' }))).toEqual({ reportedOn: 'validation.date' });
    expect(messages(form({ reportedOn: '1.3.2024' }))).toEqual({ reportedOn: 'validation.date' });
    expect(messages(form({ reportedOn: '' }))).toEqual({ reportedOn: 'validation.required' });
    expect(messages(form({ reportedOn: todayInStockholm() }))).toEqual({});
    // 23:30 UTC on New Year's Eve is already the new year in Stockholm.
    expect(todayInStockholm(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInStockholm(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });

  it('need at least one offence, each once, and real choices in the selects', () => {
    expect(messages(form({ offences: [] }))).toEqual({ offences: 'validation.offenceRequired' });
    expect(messages(form({ offences: false }))).toEqual({ offences: 'validation.offenceRequired' });
    expect(messages(form({ offences: ['procuring', 'procuring'] }))).toEqual({ offences: 'validation.duplicate' });
    expect(messages(form({ offences: ['theft'] }))).toEqual({ 'offences.0': 'validation.choice' });
    expect(messages(form({ arena: '' }))).toEqual({ arena: 'validation.required' });
    expect(messages(form({ arena: 'garage' }))).toEqual({ arena: 'validation.choice' });
    expect(messages(form({ countyCode: '1' }))).toEqual({ countyCode: 'validation.county' });
  });

  it('refuse personal data in notes and in the police report number', () => {
    expect(messages(form({ notes: 'Målsägande 811218-9876 hörd.' }))).toEqual({
      notes: 'validation.personalData.personal_number',
    });
    expect(messages(form({ notes: 'x'.repeat(CASE_NOTES_MAX + 1) }))).toEqual({ notes: 'validation.tooLong' });
    expect(messages(form({ policeReportNumber: '19811218-9876' }))).toEqual({
      policeReportNumber: 'validation.personalData.personal_number',
    });
    expect(messages(form({ policeReportNumber: 'K123; drop table' }))).toEqual({
      policeReportNumber: 'validation.policeReportNumber',
    });
    expect(messages(form({ policeReportNumber: 'x'.repeat(41) }))).toMatchObject({
      policeReportNumber: 'validation.policeReportNumber',
    });
    const step = {
      id: crypto.randomUUID(),
      version: '1',
      status: 'investigation',
      occurredOn: '2024-01-01',
      note: 'ring 070-123 45 67',
    };
    expect(messages(step, StatusStepSchema)).toEqual({ note: 'validation.personalData.phone' });
  });

  it('check each party: citizenship code, support measures, role', () => {
    const victim = {
      role: 'victim',
      sex: 'woman',
      ageBand: '21_25',
      originRegion: 'asia',
      citizenship: '',
      plaintiffStatus: 'no',
      residencePermit: 'not_relevant',
      support: ['unknown'],
    };
    expect(PartySchema.parse(victim)).toMatchObject({ citizenship: null, support: ['unknown'] });
    expect(messages({ ...victim, citizenship: 'SWE' }, PartySchema)).toEqual({ citizenship: 'validation.citizenship' });
    expect(messages({ ...victim, support: [] }, PartySchema)).toEqual({ support: 'validation.supportRequired' });
    expect(messages({ ...victim, support: ['unknown', 'counselling'] }, PartySchema)).toEqual({
      support: 'validation.supportExclusive',
    });
    expect(messages({ ...victim, role: 'witness' }, PartySchema)).toEqual({ role: 'validation.partyRole' });
    expect(messages(form({ parties: Array.from({ length: 51 }, () => victim) as never }))).toEqual({
      parties: 'validation.partiesMax',
    });
  });

  it('turn URL parameters into a filter, dropping what does not fit', () => {
    expect(CaseFilterSchema.parse({})).toEqual({ sort: 'reported_desc', includeDeleted: false });
    expect(
      CaseFilterSchema.parse({
        county: '14',
        from: '2024-01-01',
        to: '2024-02-30',
        offence: ['procuring', 'sex_purchase'],
        status: 'lost',
        coercionDegree: 'degree_1',
        reportingBody: 'ngo',
        crimeEstablished: 'maybe',
        q: ' AB-2024-0001 ',
        sort: 'random',
        cursor: 'abc-_1',
        includeDeleted: '1',
      }),
    ).toEqual({
      county: '14',
      from: '2024-01-01',
      offence: 'procuring',
      coercionDegree: 'degree_1',
      reportingBody: 'ngo',
      q: 'AB-2024-0001',
      sort: 'reported_desc',
      cursor: 'abc-_1',
      includeDeleted: true,
    });
    expect(
      CaseFilterSchema.parse({
        county: '1',
        q: 'x'.repeat(51),
        cursor: 'not a cursor!',
        sort: 'reference_asc',
        includeDeleted: 'yes',
      }),
    ).toEqual({ sort: 'reference_asc', includeDeleted: false });
  });
});
