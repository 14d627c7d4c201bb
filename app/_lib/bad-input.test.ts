// Bad input through the real server actions and route handlers on the real database (PGlite or
// PostgreSQL): every refusal is an answer (a field error, a 4xx), never a database error that
// Next turns into a 500. Only the session is replaced (it needs a request's cookies).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserAction, updateUserAction } from '@/app/(app)/admin/users/actions';
import { checkPoliceReportNumberAction, createCaseAction, updateCaseAction } from '@/app/(app)/cases/actions';
import {
  createGroupAction,
  createMeetingAction,
  updateGroupAction,
  updateMeetingAction,
} from '@/app/(app)/coordination/actions';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { getGroupForActor } from '@/db/queries/coordination/groups';
import { getMeetingForActor } from '@/db/queries/coordination/meeting-detail';
import { exportCases } from '@/app/api/export/_lib/cases';
import { getDb } from '@/db/index';
import { cases, users } from '@/db/schema';
import { makeRegionalCoordinator, makeUser, uniqueEmail } from '@/db/test/helpers';
import type { CaseInput, PartyInput } from '@/lib/schemas/cases';
import type { GroupInput, MeetingInput } from '@/lib/schemas/coordination';
import type { SessionActor } from './session';

// The same holder as route.test.ts: the test files share one module cache (isolate: false).
const session = vi.hoisted(() => {
  const holder = globalThis as { testSession?: { actor: SessionActor | null } };
  return (holder.testSession ??= { actor: null });
});
vi.mock('./session', () => ({ getActor: async () => session.actor, currentSession: async () => session.actor }));

const as = (actor: Pick<SessionActor, 'id' | 'role' | 'county' | 'region'>) => {
  session.actor = { ...actor, name: 'Test', email: 'test@example.test' };
};

let staff01: SessionActor;
let coordinator01: SessionActor;
let admin: SessionActor;

beforeAll(async () => {
  const [s, c, a] = await Promise.all([
    makeUser('county_staff', '01'),
    makeUser('county_coordinator', '01'),
    makeUser('admin'),
  ]);
  staff01 = { ...s, name: 'Test', email: s.email };
  coordinator01 = { ...c, name: 'Test', email: c.email };
  admin = { ...a, name: 'Test', email: a.email };
});

beforeEach(() => as(staff01));

const policeNumber = () => `0100-K${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}-24`;

function caseForm(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    countyCode: '01',
    reportedOn: '2024-03-01',
    reportingBody: 'police',
    policeReportNumber: policeNumber(),
    offences: ['trafficking_sexual'],
    arena: 'apartment',
    onlinePlatform: 'yes',
    crossBorder: 'no',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: ['debt_bondage'],
    notes: '',
    parties: [],
    ...overrides,
  };
}

function groupForm(overrides: Partial<GroupInput> = {}): GroupInput {
  return {
    // Letters only: eight random digits can read as a phone number, which the privacy guard refuses.
    name: `Gruppen ${randomUUID()
      .slice(0, 8)
      .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`,
    countyCode: '01',
    kind: 'county',
    participatingCounties: [],
    description: '',
    activeFrom: '2009-01-01',
    activeTo: '',
    members: [{ id: '', organisationType: 'police', organisationName: 'Polisen', contactFunction: '' }],
    ...overrides,
  };
}

async function casesWithNumber(number: string): Promise<number> {
  const db = await getDb();
  return (await db.select({ id: cases.id }).from(cases).where(eq(cases.policeReportNumber, number))).length;
}

const UNSTORABLE = [
  ['a NUL character', 'Anteckning\u0000med NUL'],
  ['a lone high surrogate', 'Anteckning \ud800 ensam'],
  ['a lone low surrogate', '\udc00'],
] as const;

const refusedAt = (path: string) => ({
  ok: false,
  error: 'errors.invalid',
  fieldErrors: { [path]: ['validation.unstorableText'] },
});

describe('a server action refuses text that PostgreSQL cannot store, with a field error and before any query', () => {
  it.each(UNSTORABLE)('%s in a free-text field', async (_, text) => {
    const form = caseForm({ notes: text });
    expect(await createCaseAction(form)).toEqual(refusedAt('notes'));
    expect(await casesWithNumber(form.policeReportNumber as string)).toBe(0);
  });

  it.each(UNSTORABLE)('%s in a nested field (a member organisation)', async (_, text) => {
    as(coordinator01);
    const form = groupForm({
      members: [
        { id: '', organisationType: 'police', organisationName: 'Polisen', contactFunction: '' },
        { id: '', organisationType: 'ngo', organisationName: text, contactFunction: '' },
      ],
    });
    expect(await createGroupAction(form)).toEqual(refusedAt('members.1.organisationName'));
  });

  it('in a search (the police report number duplicate check)', async () => {
    expect(await checkPoliceReportNumberAction({ policeReportNumber: '0100-K1\u0000-24' })).toEqual(
      refusedAt('policeReportNumber'),
    );
  });

  it('in a field the schema does not know, however deep', async () => {
    const form = { ...caseForm(), extra: { deeper: ['ok', 'x\u0000'] } } as CaseInput;
    expect(await createCaseAction(form)).toEqual(refusedAt('extra.deeper.1'));
  });

  it('in the name of a field', async () => {
    const form = { ...caseForm(), ['x\u0000']: 'y' } as CaseInput;
    expect(await createCaseAction(form)).toMatchObject({ ok: false, error: 'errors.invalid' });
  });
});

describe('user administration refuses a county that does not exist', () => {
  beforeEach(() => as(admin));

  it('when creating an account: a field error at the county, no account', async () => {
    const email = uniqueEmail('county99');
    const result = await createUserAction({ email, displayName: 'Nittionio', role: 'county_staff', countyCode: '99' });
    expect(result).toMatchObject({
      ok: false,
      error: 'errors.invalid',
      details: { field: 'countyCode', message: 'validation.county' },
    });
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('when changing an account', async () => {
    const person = await makeUser('county_staff', '01');
    const result = await updateUserAction({
      id: person.id,
      displayName: 'Test',
      role: 'county_staff',
      countyCode: '99',
    });
    expect(result).toMatchObject({
      ok: false,
      error: 'errors.invalid',
      details: { field: 'countyCode', message: 'validation.county' },
    });
  });
});

describe('user administration and the regional coordinator', () => {
  beforeEach(() => as(admin));

  it('refuses an unknown region and the role without one, by field; stores the region it is given', async () => {
    const base = { displayName: 'Regina', role: 'regional_coordinator' as const, countyCode: '' };
    expect(await createUserAction({ ...base, email: uniqueEmail('r'), policeRegion: 'Sud' })).toMatchObject({
      ok: false,
      error: 'errors.invalid',
      fieldErrors: { policeRegion: ['validation.choice'] },
    });
    expect(await createUserAction({ ...base, email: uniqueEmail('r') })).toMatchObject({
      ok: false,
      fieldErrors: { policeRegion: ['admin.users.errors.region_required'] },
    });
    const email = uniqueEmail('r');
    const created = await createUserAction({ ...base, email, policeRegion: 'Syd', countyCode: '12' });
    expect(created).toMatchObject({ ok: true });
    const db = await getDb();
    // The county a regional coordinator has no use for is dropped, as for national roles.
    expect(
      await db.select({ r: users.policeRegion, c: users.countyCode }).from(users).where(eq(users.email, email)),
    ).toEqual([{ r: 'Syd', c: null }]);
  });

  it('a regional coordinator may not administer users', async () => {
    as(await makeRegionalCoordinator('Syd'));
    const result = await createUserAction({
      email: uniqueEmail('x'),
      displayName: 'X',
      role: 'county_staff',
      countyCode: '01',
    });
    expect(result).toMatchObject({ ok: false, error: 'errors.forbidden' });
  });
});

describe('a route handler refuses text that PostgreSQL cannot store with 400, before any query', () => {
  it('in the query string', async () => {
    const response = await exportCases('csv')(new Request('http://localhost/api/export/cases.csv?q=K1%00'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_parameter', parameter: 'q' });
  });
});

// ---------------------------------------------------------------------------------------------
// Updates never empty a list by omission

const VICTIM: PartyInput = {
  role: 'victim',
  sex: 'woman',
  ageBand: '18_20',
  originRegion: 'eu_east',
  citizenship: 'RO',
  plaintiffStatus: 'yes',
  residencePermit: 'applied',
  support: ['counselling'],
};

/** A forged payload: the form's values with one key left out (no form sends that, so no type has it). */
function without<T extends object>(value: T, key: keyof T): never {
  const copy = { ...value };
  delete copy[key];
  return copy as never;
}

const refusedList = (path: string) => ({
  ok: false,
  error: 'errors.invalid',
  fieldErrors: { [path]: [expect.any(String)] },
});

describe('an update that leaves out a list is refused; an explicit empty list is still an answer', () => {
  it('a case without its parties or its control methods', async () => {
    const created = await createCaseAction(caseForm({ parties: [VICTIM] }));
    if (!created.ok) throw new Error(created.error);
    const edit = { ...caseForm({ parties: [VICTIM], notes: 'Ändrad' }), id: created.data.id, version: 1 };
    for (const key of ['parties', 'controlMethods'] as const)
      expect(await updateCaseAction(without(edit, key)), key).toEqual(refusedList(key));
    expect((await getCaseForActor(staff01, created.data.id)).parties).toHaveLength(1);
    expect(await updateCaseAction({ ...edit, parties: [], controlMethods: [] } as never)).toMatchObject({ ok: true });
    expect((await getCaseForActor(staff01, created.data.id)).parties).toEqual([]);
  });

  it('a group without its members or its participating counties', async () => {
    as(coordinator01);
    const created = await createGroupAction(groupForm({ participatingCounties: ['03'] }));
    if (!created.ok) throw new Error(created.error);
    const group = await getGroupForActor(coordinator01, created.data.id);
    const edit = {
      ...groupForm({ name: group.name, participatingCounties: ['03'] }),
      members: group.members.map((m) => ({ ...m, contactFunction: m.contactFunction ?? '' })),
      id: group.id,
      version: group.version,
    };
    for (const key of ['members', 'participatingCounties'] as const)
      expect(await updateGroupAction(without(edit, key)), key).toEqual(refusedList(key));
    const after = await getGroupForActor(coordinator01, created.data.id);
    expect([after.members.length, after.participatingCounties]).toEqual([1, ['03']]);
  });

  it('a meeting without its attendees or the action items raised there', async () => {
    as(coordinator01);
    const createdGroup = await createGroupAction(groupForm());
    if (!createdGroup.ok) throw new Error(createdGroup.error);
    const [member] = (await getGroupForActor(coordinator01, createdGroup.data.id)).members;
    const form: MeetingInput = {
      groupId: createdGroup.data.id,
      date: '2025-03-12',
      startTime: '09:00',
      endTime: '11:00',
      format: 'in_person',
      place: '',
      attendees: [member!.id],
      otherGuests: '0',
      agenda: '',
      minutes: '',
      decisions: '',
      actionItems: [
        { id: '', version: '', description: 'Ta fram rutin', responsibleMemberId: member!.id, dueOn: '2025-06-01' },
      ],
      followUps: [],
    };
    const created = await createMeetingAction(form);
    if (!created.ok) throw new Error(created.error);
    const meeting = await getMeetingForActor(coordinator01, created.data.id);
    const edit = {
      ...form,
      actionItems: meeting.raised.map((a) => ({ ...a, version: String(a.version) })),
      id: meeting.id,
      version: meeting.version,
      minutes: 'Ändrat',
    } as MeetingInput & { id: string; version: number };
    for (const key of ['attendees', 'actionItems'] as const)
      expect(await updateMeetingAction(without(edit, key)), key).toEqual(refusedList(key));
    const after = await getMeetingForActor(coordinator01, created.data.id);
    expect([after.attendees, after.raised.length]).toEqual([[member!.id], 1]);
  });
});

describe('a number with spaces inside is refused, not read as the digits run together', () => {
  it.each([' 1 2 ', '1 2', '12 3', '1\u00a02'])('%j guests at a meeting', async (otherGuests) => {
    as(coordinator01);
    const group = await createGroupAction(groupForm());
    if (!group.ok) throw new Error(group.error);
    const result = await createMeetingAction({
      groupId: group.data.id,
      date: '2025-03-12',
      startTime: '09:00',
      endTime: '11:00',
      format: 'in_person',
      attendees: [],
      otherGuests,
      actionItems: [],
      followUps: [],
    });
    expect(result).toEqual({
      ok: false,
      error: 'errors.invalid',
      fieldErrors: { otherGuests: ['validation.wholeNumber'] },
    });
  });
});
