import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActionItemFilterSchema,
  GroupEditSchema,
  GroupSchema,
  LIMITS,
  MeetingEditSchema,
  MeetingFilterSchema,
  MeetingSchema,
  instantToStockholm,
  stockholmToInstant,
  type GroupInput,
  type MeetingInput,
} from '@/lib/schemas/coordination';
import { todayInStockholm } from '@/lib/forms/fields';
import { AppError } from '@/lib/errors';
import { getDb } from '@/db/index';
import type { Actor } from '@/lib/policy';
import type { Role } from '@/lib/roles';
import {
  actionItems,
  auditLog,
  COORDINATION_LIMITS,
  coordinationGroups,
  groupMembers,
  meetingAttendance,
  meetings,
} from '@/db/schema';
import { makeRegionalCoordinator, makeUser } from '@/db/test/helpers';
import { exportActionItemsForActor, listActionItemsForActor } from './action-item-list';
import { listGroupOptionsForActor, listGroupsForActor } from './group-list';
import { createGroup, deleteGroup, getGroupForActor, restoreGroup, updateGroup } from './groups';
import { getMeetingForActor, getNewMeetingContext } from './meeting-detail';
import { exportMeetingsForActor, getGroupCalendarForActor, listMeetingsForActor } from './meeting-list';
import { createMeeting, deleteMeeting, restoreMeeting, updateMeeting } from './meetings';
import { PAGE_SIZE } from './shared';
import { getCoordinationSummaryForActor } from './summary';
import { databaseErrorDetail } from '@/db/errors';

// Each test makes its own groups (unique names) and reads lists through a filter on its own group,
// so the tests hold beside the demo data and on a shared PostgreSQL database.

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** A name no other test uses; letters only, since a run of digits may look like a phone number to the guard. */
const unique = (prefix: string) =>
  `${prefix} ${randomUUID()
    .replace(/-/g, '')
    .slice(0, 10)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

/** A group form as the browser sends it. */
function groupForm(overrides: Partial<GroupInput> = {}): GroupInput {
  return {
    name: unique('Samverkansgruppen'),
    countyCode: '01',
    kind: 'county',
    participatingCounties: [],
    description: 'Länets samverkan mot prostitution och människohandel.',
    activeFrom: '2009-01-01',
    activeTo: '',
    members: [
      {
        id: '',
        organisationType: 'police',
        organisationName: 'Polisregion Stockholm',
        contactFunction: 'Gruppchef människohandel',
      },
      {
        id: '',
        organisationType: 'social_services',
        organisationName: 'Stockholms stad, socialtjänsten',
        contactFunction: 'Samordnare',
      },
      { id: '', organisationType: 'ngo', organisationName: 'Stödorganisation', contactFunction: '' },
    ],
    ...overrides,
  };
}

async function makeGroup(actor: Actor, overrides: Partial<GroupInput> = {}) {
  const { id } = await createGroup(actor, GroupSchema.parse(groupForm(overrides)));
  return getGroupForActor(actor.role === 'national_coordinator' ? actor : national, id);
}

function meetingForm(groupId: string, overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    groupId,
    date: '2025-03-12',
    startTime: '09:00',
    endTime: '11:30',
    format: 'in_person',
    place: 'Länsstyrelsen, Hantverkargatan',
    attendees: [],
    otherGuests: '2',
    agenda: '1. Läget i länet\n2. Utbildningsplan',
    minutes: 'Polisen redogjorde för läget.',
    decisions: 'Ta fram en gemensam rutin.',
    actionItems: [],
    followUps: [],
    ...overrides,
  };
}

async function makeMeeting(actor: Actor, groupId: string, overrides: Partial<MeetingInput> = {}) {
  const { id } = await createMeeting(actor, MeetingSchema.parse(meetingForm(groupId, overrides)));
  return getMeetingForActor(national, id);
}

/** The edit form's values of a meeting, as the edit page fills them in. */
async function meetingEditValues(actor: Actor, id: string) {
  const m = await getMeetingForActor(actor, id);
  return MeetingEditSchema.parse({
    id: m.id,
    version: String(m.version),
    groupId: m.groupId,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    format: m.format,
    place: m.place ?? '',
    attendees: m.attendees,
    otherGuests: String(m.otherGuests),
    agenda: m.agenda ?? '',
    minutes: m.minutes ?? '',
    decisions: m.decisions ?? '',
    actionItems: m.actionItems.map((a) => ({
      id: a.id,
      version: String(a.version),
      description: a.description,
      responsibleMemberId: a.responsibleMemberId,
      dueOn: a.dueOn,
    })),
    followUps: m.followUpCandidates.map((f) => ({ id: f.id, version: String(f.version), status: f.status })),
  });
}

async function groupEditValues(actor: Actor, id: string) {
  const g = await getGroupForActor(actor, id);
  return GroupEditSchema.parse({
    id: g.id,
    version: String(g.version),
    name: g.name,
    countyCode: g.countyCode,
    kind: g.kind,
    participatingCounties: g.participatingCounties,
    description: g.description ?? '',
    activeFrom: g.activeFrom,
    activeTo: g.activeTo ?? '',
    members: g.members.map((m) => ({
      id: m.id,
      organisationType: m.organisationType,
      organisationName: m.organisationName,
      contactFunction: m.contactFunction ?? '',
    })),
  });
}

/** The group ids of every page of the group list (a persistent test database holds earlier runs' groups). */
async function groupIdsListed(actor: Actor, filter: Parameters<typeof listGroupsForActor>[1] = {}): Promise<string[]> {
  const first = await listGroupsForActor(actor, { ...filter, page: 1 });
  const rest = await Promise.all(
    Array.from({ length: first.pageCount - 1 }, (_, i) => listGroupsForActor(actor, { ...filter, page: i + 2 })),
  );
  return [first, ...rest].flatMap((p) => p.rows.map((r) => r.id));
}

async function groupRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(coordinationGroups).where(eq(coordinationGroups.id, id));
  return row!;
}

async function meetingRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row!;
}

async function itemRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(actionItems).where(eq(actionItems.id, id));
  return row!;
}

async function auditActions(entityType: string, id: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

let national: Actor;
let analyst: Actor;
let admin: Actor;
let coordinator01: Actor;
let staff01: Actor;
let coordinator14: Actor;
let staff14: Actor;
/** Police region Stockholm: counties 01 and 09. */
let regionalStockholm: Actor;

beforeAll(async () => {
  [national, analyst, admin, coordinator01, staff01, coordinator14, staff14, regionalStockholm] = await Promise.all([
    makeUser('national_coordinator'),
    makeUser('national_analyst'),
    makeUser('admin'),
    makeUser('county_coordinator', '01'),
    makeUser('county_staff', '01'),
    makeUser('county_coordinator', '14'),
    makeUser('county_staff', '14'),
    makeRegionalCoordinator('Stockholm'),
  ]);
});

describe('groups', () => {
  it('creates a group with its participating counties and members, and audits what was stored', async () => {
    const group = await makeGroup(coordinator01, { kind: 'regional', participatingCounties: ['03', '09', '01'] });
    expect(group).toMatchObject({
      countyCode: '01',
      county: { code: '01', nameSv: 'Stockholms län' },
      kind: 'regional',
      // The home county is never a participating county of its own group.
      participatingCounties: ['03', '09'],
      participating: [{ code: '03' }, { code: '09' }],
      activeFrom: '2009-01-01',
      activeTo: null,
      version: 1,
      createdByName: 'Test county_coordinator',
      meetings: [],
      pendingItems: [],
    });
    expect(group.members.map((m) => [m.organisationType, m.organisationName, m.contactFunction])).toEqual([
      ['police', 'Polisregion Stockholm', 'Gruppchef människohandel'],
      ['social_services', 'Stockholms stad, socialtjänsten', 'Samordnare'],
      ['ngo', 'Stödorganisation', null],
    ]);
    expect(group.history.map((h) => [h.action, h.actorName])).toEqual([
      ['coordination_group.create', 'Test county_coordinator'],
    ]);
    expect(group.history[0]!.changes).toMatchObject({
      name: group.name,
      countyCode: '01',
      participatingCounties: ['03', '09'],
      members: expect.arrayContaining([expect.objectContaining({ organisationName: 'Stödorganisation' })]),
    });
    expect((await getGroupForActor(staff01, group.id)).permissions).toEqual({
      manage: false,
      writeMeetings: true,
      delete: false,
      restore: false,
    });
    expect((await getGroupForActor(coordinator01, group.id)).permissions).toEqual({
      manage: true,
      writeMeetings: true,
      delete: true,
      restore: false,
    });
  });

  it('refuses a second live group of the same name in a county, but not in another county', async () => {
    const group = await makeGroup(coordinator01);
    await expect(
      createGroup(coordinator01, GroupSchema.parse(groupForm({ name: group.name.toUpperCase() }))),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'name' } });
    await expect(
      createGroup(coordinator14, GroupSchema.parse(groupForm({ name: group.name, countyCode: '14' }))),
    ).resolves.toEqual({ id: expect.any(String) });
  });

  it('saves an edit of the group and its members, keeping a member with a history as removed, and audits only what changed', async () => {
    const group = await makeGroup(coordinator01);
    const [police, social, ngo] = group.members;
    // The NGO attended a meeting: it has a history.
    await makeMeeting(staff01, group.id, { attendees: [ngo!.id] });

    const values = await groupEditValues(coordinator01, group.id);
    const saved = await updateGroup(coordinator01, {
      ...values,
      description: 'Ny beskrivning',
      activeTo: '2030-12-31',
      members: [
        { ...values.members[1]!, contactFunction: 'Enhetschef' },
        values.members[0]!,
        { id: null, organisationType: 'migration_agency', organisationName: 'Migrationsverket', contactFunction: null },
      ],
    });
    expect(saved).toEqual({ id: group.id, version: 2 });

    const after = await getGroupForActor(coordinator01, group.id);
    expect(after.members.map((m) => [m.id, m.organisationName, m.contactFunction])).toEqual([
      [social!.id, 'Stockholms stad, socialtjänsten', 'Enhetschef'],
      [police!.id, 'Polisregion Stockholm', 'Gruppchef människohandel'],
      [expect.any(String), 'Migrationsverket', null],
    ]);
    const db = await getDb();
    const [kept] = await db.select().from(groupMembers).where(eq(groupMembers.id, ngo!.id));
    expect(kept!.removedAt).toBeInstanceOf(Date);

    const update = after.history.find((h) => h.action === 'coordination_group.update')!;
    expect(Object.keys(update.changes!).sort()).toEqual(['activeTo', 'description', 'members']);

    // Unchanged: no write, no audit row. A member with no history is deleted outright.
    const again = await groupEditValues(coordinator01, group.id);
    expect(await updateGroup(coordinator01, again)).toEqual({ id: group.id, version: 2 });
    await updateGroup(coordinator01, { ...again, members: again.members.slice(0, 2) });
    const [gone] = await db.select().from(groupMembers).where(eq(groupMembers.id, again.members[2]!.id!));
    expect(gone).toBeUndefined();
    expect(await auditActions('coordination_group', group.id)).toEqual([
      'coordination_group.create',
      'coordination_group.update',
      'coordination_group.update',
    ]);
  });

  it('refuses a stale edit with the current values and who changed them, and overwrites nothing', async () => {
    const group = await makeGroup(coordinator01);
    const mine = await groupEditValues(coordinator01, group.id);
    const theirs = await groupEditValues(national, group.id);
    await updateGroup(national, { ...theirs, description: 'Den nationella samordnarens ändring' });
    const error = await updateGroup(coordinator01, { ...mine, description: 'Min ändring' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    const details = (error as AppError).details!;
    expect(details.current).toMatchObject({
      id: group.id,
      version: 2,
      description: 'Den nationella samordnarens ändring',
    });
    expect(details.updatedBy).toBe('Test national_coordinator');
    expect(GroupEditSchema.safeParse(details.current).success).toBe(true);
    expect(await groupRow(group.id)).toMatchObject({ version: 2, description: 'Den nationella samordnarens ändring' });
  });

  it('keeps the home county and refuses a member id of another group', async () => {
    const group = await makeGroup(coordinator01);
    const other = await makeGroup(coordinator01);
    const values = await groupEditValues(national, group.id);
    await expect(updateGroup(national, { ...values, countyCode: '14' })).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'countyCode' },
    });
    await expect(
      updateGroup(national, {
        ...values,
        members: [...values.members, { ...values.members[0]!, id: other.members[0]!.id }],
      }),
    ).rejects.toMatchObject({ code: 'invalid', details: { message: 'validation.memberUnknown' } });
    expect(await groupRow(group.id)).toMatchObject({ countyCode: '01', version: 1 });
  });

  it('soft-deletes a group with its meetings, and restores it', async () => {
    const group = await makeGroup(coordinator01);
    const meeting = await makeMeeting(staff01, group.id);
    await expect(deleteGroup(coordinator01, { id: group.id, version: 2 })).rejects.toMatchObject({ code: 'conflict' });
    await deleteGroup(coordinator01, { id: group.id, version: 1 });
    await expect(getGroupForActor(staff01, group.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMeetingForActor(coordinator01, meeting.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await groupIdsListed(coordinator01)).not.toContain(group.id);
    expect(await groupIdsListed(coordinator01, { includeDeleted: true })).toContain(group.id);
    expect(await groupIdsListed(staff01, { includeDeleted: true })).not.toContain(group.id);
    expect(await getGroupForActor(coordinator01, group.id)).toMatchObject({
      deletedByName: 'Test county_coordinator',
      permissions: { manage: false, writeMeetings: false, delete: false, restore: true },
    });
    await expect(createMeeting(staff01, MeetingSchema.parse(meetingForm(group.id)))).rejects.toMatchObject({
      code: 'not_found',
    });

    expect(await restoreGroup(coordinator01, { id: group.id })).toEqual({ id: group.id, version: 3 });
    expect((await getMeetingForActor(staff01, meeting.id)).id).toBe(meeting.id);
    expect(await auditActions('coordination_group', group.id)).toEqual([
      'coordination_group.create',
      'coordination_group.delete',
      'coordination_group.restore',
    ]);
  });
});

describe('who may do what', () => {
  type Outcome = 'ok' | 'forbidden' | 'not_found';
  const OPS = [
    'read',
    'list',
    'manage',
    'delete',
    'restore',
    'newMeeting',
    'createMeeting',
    'readMeeting',
    'updateMeeting',
    'deleteMeeting',
    'restoreMeeting',
    'listMeetings',
    'listItems',
    'export',
    'calendar',
  ] as const;
  type Op = (typeof OPS)[number];
  // Where the group is, seen from the county roles' county 01: its home county, a county that
  // takes part (a group of 14 with 01 taking part), or another county (a group of 14 alone).
  type Place = 'home' | 'participating' | 'other';
  const all = (outcome: Outcome) => Object.fromEntries(OPS.map((op) => [op, outcome])) as Record<Op, Outcome>;

  const readOnly: Record<Op, Outcome> = {
    ...all('forbidden'),
    read: 'ok',
    list: 'ok',
    readMeeting: 'ok',
    listMeetings: 'ok',
    listItems: 'ok',
    export: 'ok',
    calendar: 'ok',
  };
  const hidden: Record<Op, Outcome> = { ...all('not_found') };

  const expected: Record<Role, Record<Place, Record<Op, Outcome>>> = {
    national_coordinator: { home: all('ok'), participating: all('ok'), other: all('ok') },
    county_coordinator: {
      home: all('ok'),
      participating: { ...readOnly, restore: 'not_found', restoreMeeting: 'not_found' },
      other: hidden,
    },
    county_staff: {
      home: {
        ...all('ok'),
        manage: 'forbidden',
        delete: 'forbidden',
        restore: 'forbidden',
        deleteMeeting: 'forbidden',
        restoreMeeting: 'forbidden',
      },
      participating: readOnly,
      other: {
        ...hidden,
        manage: 'forbidden',
        delete: 'forbidden',
        restore: 'forbidden',
        deleteMeeting: 'forbidden',
        restoreMeeting: 'forbidden',
      },
    },
    // Stockholm's regional coordinator: 01 is in the region, 14 is not. Manages the region's
    // groups and writes their meetings, deletes nothing; reads what takes part from the region.
    regional_coordinator: {
      home: {
        ...all('ok'),
        delete: 'forbidden',
        restore: 'forbidden',
        deleteMeeting: 'forbidden',
        restoreMeeting: 'forbidden',
      },
      participating: readOnly,
      other: {
        ...hidden,
        delete: 'forbidden',
        restore: 'forbidden',
        deleteMeeting: 'forbidden',
        restoreMeeting: 'forbidden',
      },
    },
    national_analyst: { home: all('forbidden'), participating: all('forbidden'), other: all('forbidden') },
    admin: { home: all('forbidden'), participating: all('forbidden'), other: all('forbidden') },
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

  async function setUp(place: Place) {
    const owner = place === 'home' ? coordinator01 : coordinator14;
    const group = await makeGroup(owner, {
      countyCode: place === 'home' ? '01' : '14',
      kind: place === 'participating' ? 'regional' : 'county',
      participatingCounties: place === 'participating' ? ['01'] : [],
    });
    const meeting = await makeMeeting(national, group.id, {
      attendees: [group.members[0]!.id],
      actionItems: [
        {
          id: '',
          version: '',
          description: 'Ta fram en rutin',
          responsibleMemberId: group.members[0]!.id,
          dueOn: '2025-06-30',
        },
      ],
    });
    return { group, meeting };
  }

  async function attempt(
    actor: Actor,
    op: Op,
    place: Place,
  ): Promise<{ outcome: Outcome; groupId: string; meetingId: string }> {
    const { group, meeting } = await setUp(place);
    const listed = (found: boolean): Outcome => (found ? 'ok' : 'not_found');
    const run = async (): Promise<Outcome> => {
      switch (op) {
        case 'read':
          return (await refusal(getGroupForActor(actor, group.id))) as Outcome;
        case 'list': {
          const r = await refusal(listGroupsForActor(actor, {}));
          if (r !== 'ok') return r as Outcome;
          // Whatever county the URL names, and without one.
          return listed(
            (await groupIdsListed(actor, { county: group.countyCode })).includes(group.id) ||
              (await groupIdsListed(actor)).includes(group.id),
          );
        }
        case 'manage': {
          const values = await groupEditValues(national, group.id);
          return (await refusal(updateGroup(actor, { ...values, description: 'Ändrad' }))) as Outcome;
        }
        case 'delete':
          return (await refusal(deleteGroup(actor, { id: group.id, version: 1 }))) as Outcome;
        case 'restore':
          await deleteGroup(national, { id: group.id, version: 1 });
          return (await refusal(restoreGroup(actor, { id: group.id }))) as Outcome;
        case 'newMeeting':
          return (await refusal(getNewMeetingContext(actor, group.id))) as Outcome;
        case 'createMeeting':
          return (await refusal(
            createMeeting(actor, MeetingSchema.parse(meetingForm(group.id, { date: '2025-04-01' }))),
          )) as Outcome;
        case 'readMeeting':
          return (await refusal(getMeetingForActor(actor, meeting.id))) as Outcome;
        case 'updateMeeting': {
          const values = await meetingEditValues(national, meeting.id);
          return (await refusal(
            updateMeeting(actor, { ...values, minutes: 'Ändrat protokoll', followUps: [] }),
          )) as Outcome;
        }
        case 'deleteMeeting':
          return (await refusal(deleteMeeting(actor, { id: meeting.id, version: 1 }))) as Outcome;
        case 'restoreMeeting':
          await deleteMeeting(national, { id: meeting.id, version: 1 });
          return (await refusal(restoreMeeting(actor, { id: meeting.id }))) as Outcome;
        case 'listMeetings': {
          const r = await refusal(listMeetingsForActor(actor, { group: group.id }));
          if (r !== 'ok') return r as Outcome;
          return listed((await listMeetingsForActor(actor, { group: group.id })).rows.some((m) => m.id === meeting.id));
        }
        case 'listItems': {
          const r = await refusal(listActionItemsForActor(actor, { group: group.id, status: 'all' }));
          if (r !== 'ok') return r as Outcome;
          return listed((await listActionItemsForActor(actor, { group: group.id, status: 'all' })).rows.length === 1);
        }
        case 'export': {
          const r = await refusal(exportMeetingsForActor(actor, { group: group.id }));
          if (r !== 'ok') return r as Outcome;
          const meetingsSeen = (await exportMeetingsForActor(actor, { group: group.id })).rows.length === 1;
          const itemsSeen =
            (await exportActionItemsForActor(actor, { group: group.id, status: 'all' })).rows.length === 1;
          expect(itemsSeen).toBe(meetingsSeen);
          return listed(meetingsSeen);
        }
        case 'calendar':
          return (await refusal(getGroupCalendarForActor(actor, group.id))) as Outcome;
      }
    };
    return { outcome: await run(), groupId: group.id, meetingId: meeting.id };
  }

  for (const role of Object.keys(expected) as Role[]) {
    for (const place of ['home', 'participating', 'other'] as const) {
      it(`${role} with a group in ${place === 'home' ? 'the own county' : place === 'participating' ? 'a county where the own county takes part' : 'another county'}`, async () => {
        const actor = actorFor(role);
        const outcomes: Partial<Record<Op, Outcome>> = {};
        for (const op of OPS) {
          const { outcome, groupId, meetingId } = await attempt(actor, op, place);
          outcomes[op] = outcome;
          if (
            outcome !== 'ok' &&
            ['manage', 'delete', 'createMeeting', 'updateMeeting', 'deleteMeeting'].includes(op)
          ) {
            // A refused change leaves everything as it was.
            expect(await groupRow(groupId)).toMatchObject({
              version: 1,
              deletedAt: null,
              description: 'Länets samverkan mot prostitution och människohandel.',
            });
            expect(await meetingRow(meetingId)).toMatchObject({
              version: 1,
              deletedAt: null,
              minutes: 'Polisen redogjorde för läget.',
            });
            const db = await getDb();
            const [{ n }] = (await db
              .select({ n: sql<number>`count(*)::int` })
              .from(meetings)
              .where(eq(meetings.groupId, groupId))) as [{ n: number }];
            expect(Number(n)).toBe(1);
          }
        }
        expect(outcomes).toEqual(expected[role][place]);
      });
    }
  }
});

describe('meetings and action items', () => {
  it('records a meeting with attendance and two action items, shows both for follow-up at the next meeting and closes one there', async () => {
    const group = await makeGroup(coordinator01);
    const [police, social, ngo] = group.members;
    const first = await makeMeeting(staff01, group.id, {
      date: '2025-02-04',
      attendees: [police!.id, social!.id],
      otherGuests: '3',
      actionItems: [
        {
          id: '',
          version: '',
          description: 'Kartlägg stödinsatser i länet',
          responsibleMemberId: social!.id,
          dueOn: '2025-04-30',
        },
        {
          id: '',
          version: '',
          description: 'Bjud in Migrationsverket',
          responsibleMemberId: police!.id,
          dueOn: '2025-03-31',
        },
      ],
    });
    expect(first).toMatchObject({
      date: '2025-02-04',
      startTime: '09:00',
      endTime: '11:30',
      otherGuests: 3,
      format: 'in_person',
    });
    expect((await getMeetingForActor(staff01, first.id)).permissions).toEqual({
      update: true,
      delete: false,
      restore: false,
    });
    expect(first.attendance.map((m) => m.organisationName)).toEqual([
      'Polisregion Stockholm',
      'Stockholms stad, socialtjänsten',
    ]);
    expect(first.raised.map((i) => [i.description, i.responsibleName, i.status])).toEqual([
      ['Kartlägg stödinsatser i länet', 'Stockholms stad, socialtjänsten', 'open'],
      ['Bjud in Migrationsverket', 'Polisregion Stockholm', 'open'],
    ]);
    expect(await auditActions('meeting', first.id)).toEqual(['meeting.create']);
    expect(await auditActions('action_item', first.raised[0]!.id)).toEqual(['action_item.create']);

    const context = await getNewMeetingContext(staff01, group.id);
    expect(context.members.map((m) => m.id)).toEqual([police!.id, social!.id, ngo!.id]);
    expect(context.followUpCandidates.map((i) => i.description)).toEqual([
      'Kartlägg stödinsatser i länet',
      'Bjud in Migrationsverket',
    ]);

    const [survey, invite] = first.raised;
    const second = await makeMeeting(coordinator01, group.id, {
      date: '2025-05-06',
      attendees: [police!.id, ngo!.id],
      followUps: [
        { id: invite!.id, version: String(invite!.version), status: 'done' },
        { id: survey!.id, version: String(survey!.version), status: 'in_progress' },
      ],
    });
    expect(second.closedHere.map((i) => [i.description, i.status, i.closedOn])).toEqual([
      ['Bjud in Migrationsverket', 'done', '2025-05-06'],
    ]);
    expect(await itemRow(invite!.id)).toMatchObject({
      status: 'done',
      closedMeetingId: second.id,
      closedOn: '2025-05-06',
      version: 2,
    });
    expect(await itemRow(survey!.id)).toMatchObject({
      status: 'in_progress',
      closedMeetingId: null,
      closedOn: null,
      version: 2,
    });
    expect((await getGroupForActor(staff01, group.id)).pendingItems.map((i) => [i.description, i.status])).toEqual([
      ['Kartlägg stödinsatser i länet', 'in_progress'],
    ]);
    expect(second.history.map((h) => h.action)).toEqual(['meeting.create']);
    expect(second.history[0]!.changes!.followUps).toEqual([
      { id: invite!.id, description: 'Bjud in Migrationsverket', from: 'open', to: 'done' },
      { id: survey!.id, description: 'Kartlägg stödinsatser i länet', from: 'open', to: 'in_progress' },
    ]);
    expect(await auditActions('action_item', invite!.id)).toEqual(['action_item.create', 'action_item.status']);
  });

  it('refuses to follow up an item of another group, a stale one, or one raised at a later meeting, and changes nothing', async () => {
    const group = await makeGroup(coordinator01);
    const other = await makeGroup(coordinator01);
    const member = group.members[0]!.id;
    const later = await makeMeeting(staff01, group.id, {
      date: '2025-09-01',
      actionItems: [
        { id: '', version: '', description: 'Senare punkt', responsibleMemberId: member, dueOn: '2025-10-01' },
      ],
    });
    const foreign = await makeMeeting(staff01, other.id, {
      actionItems: [
        {
          id: '',
          version: '',
          description: 'Annan grupps punkt',
          responsibleMemberId: other.members[0]!.id,
          dueOn: '2025-10-01',
        },
      ],
    });
    const laterItem = later.raised[0]!;
    const foreignItem = foreign.raised[0]!;

    const count = async () => {
      const db = await getDb();
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(meetings)
        .where(eq(meetings.groupId, group.id));
      return Number(row!.n);
    };
    const before = await count();
    await expect(
      createMeeting(
        staff01,
        MeetingSchema.parse(
          meetingForm(group.id, {
            date: '2025-08-01',
            followUps: [{ id: laterItem.id, version: '1', status: 'done' }],
          }),
        ),
      ),
    ).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'followUps.0.status', message: 'validation.followUpNotDue' },
    });
    await expect(
      createMeeting(
        staff01,
        MeetingSchema.parse(
          meetingForm(group.id, {
            date: '2025-12-01',
            followUps: [{ id: foreignItem.id, version: '1', status: 'done' }],
          }),
        ),
      ),
    ).rejects.toMatchObject({ code: 'invalid', details: { message: 'validation.actionItemUnknown' } });
    await expect(
      createMeeting(
        staff01,
        MeetingSchema.parse(
          meetingForm(group.id, {
            date: '2025-12-01',
            followUps: [{ id: laterItem.id, version: '2', status: 'done' }],
          }),
        ),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await count()).toBe(before);
    expect(await itemRow(laterItem.id)).toMatchObject({ status: 'open', version: 1 });
    expect(await itemRow(foreignItem.id)).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses attendees and responsible members of another group, in the app and in the database', async () => {
    const group = await makeGroup(coordinator01);
    const other = await makeGroup(coordinator01);
    await expect(
      createMeeting(staff01, MeetingSchema.parse(meetingForm(group.id, { attendees: [other.members[0]!.id] }))),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'attendees' } });
    await expect(
      createMeeting(
        staff01,
        MeetingSchema.parse(
          meetingForm(group.id, {
            actionItems: [
              { id: '', version: '', description: 'x', responsibleMemberId: other.members[0]!.id, dueOn: '2025-06-01' },
            ],
          }),
        ),
      ),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'actionItems.0.responsibleMemberId' } });

    const meeting = await makeMeeting(staff01, group.id);
    const db = await getDb();
    const attend = await db
      .insert(meetingAttendance)
      .values({ meetingId: meeting.id, groupId: group.id, memberId: other.members[0]!.id })
      .catch((e: unknown) => e);
    expect(databaseErrorDetail(attend)).toMatch(/meeting_attendance_member_fk/);
    const forged = await db
      .insert(meetingAttendance)
      .values({ meetingId: meeting.id, groupId: other.id, memberId: other.members[0]!.id })
      .catch((e: unknown) => e);
    expect(databaseErrorDetail(forged)).toMatch(/meeting_attendance_meeting_fk/);
    const item = await db
      .insert(actionItems)
      .values({
        groupId: group.id,
        raisedMeetingId: meeting.id,
        position: 0,
        description: 'x',
        responsibleMemberId: other.members[0]!.id,
        dueOn: '2025-01-01',
      })
      .catch((e: unknown) => e);
    expect(databaseErrorDetail(item)).toMatch(/action_items_responsible_fk/);
  });

  it('edits a meeting: fields, attendance, items added, changed and removed; a stale edit is a conflict', async () => {
    const group = await makeGroup(coordinator01);
    const [police, social] = group.members;
    const meeting = await makeMeeting(staff01, group.id, {
      attendees: [police!.id],
      actionItems: [
        { id: '', version: '', description: 'Första', responsibleMemberId: police!.id, dueOn: '2025-05-01' },
        { id: '', version: '', description: 'Andra', responsibleMemberId: social!.id, dueOn: '2025-05-02' },
      ],
    });
    const values = await meetingEditValues(staff01, meeting.id);
    const stale = await meetingEditValues(coordinator01, meeting.id);
    const saved = await updateMeeting(staff01, {
      ...values,
      startTime: '13:00',
      endTime: '15:00',
      minutes: 'Justerat protokoll',
      attendees: [police!.id, social!.id],
      actionItems: [
        { ...values.actionItems[1]!, description: 'Andra, omformulerad' },
        { id: null, version: null, description: 'Tredje', responsibleMemberId: police!.id, dueOn: '2025-06-01' },
      ],
    });
    expect(saved).toEqual({ id: meeting.id, version: 2 });
    const after = await getMeetingForActor(staff01, meeting.id);
    expect(after).toMatchObject({ startTime: '13:00', endTime: '15:00', minutes: 'Justerat protokoll' });
    expect(after.attendance.map((m) => m.id).sort()).toEqual([police!.id, social!.id].sort());
    expect(after.raised.map((i) => i.description)).toEqual(['Andra, omformulerad', 'Tredje']);
    const update = after.history.find((h) => h.action === 'meeting.update')!;
    expect(Object.keys(update.changes!).sort()).toEqual([
      'actionItems',
      'attendees',
      'endTime',
      'minutes',
      'startTime',
    ]);
    expect(update.changes!.actionItems).toMatchObject({ added: 1, changed: 1, removed: 1 });
    expect(await auditActions('action_item', values.actionItems[0]!.id!)).toEqual([
      'action_item.create',
      'action_item.delete',
    ]);

    const error = await updateMeeting(coordinator01, { ...stale, minutes: 'Min version' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'conflict',
      details: {
        current: expect.objectContaining({ minutes: 'Justerat protokoll', version: 2 }),
        updatedBy: 'Test county_staff',
      },
    });
    expect(await meetingRow(meeting.id)).toMatchObject({ version: 2, minutes: 'Justerat protokoll' });

    const unchanged = await meetingEditValues(staff01, meeting.id);
    expect(await updateMeeting(staff01, unchanged)).toEqual({ id: meeting.id, version: 2 });
  });

  it('reopens an item closed at a meeting from that meeting, and will not remove an item closed elsewhere', async () => {
    const group = await makeGroup(coordinator01);
    const member = group.members[0]!.id;
    const first = await makeMeeting(staff01, group.id, {
      date: '2025-01-10',
      actionItems: [{ id: '', version: '', description: 'Punkt', responsibleMemberId: member, dueOn: '2025-02-01' }],
    });
    const item = first.raised[0]!;
    const second = await makeMeeting(staff01, group.id, {
      date: '2025-03-10',
      followUps: [{ id: item.id, version: '1', status: 'dropped' }],
    });

    const firstValues = await meetingEditValues(staff01, first.id);
    await expect(updateMeeting(staff01, { ...firstValues, actionItems: [] })).rejects.toMatchObject({
      code: 'invalid',
      details: { message: 'validation.actionItemClosedElsewhere' },
    });

    const secondValues = await meetingEditValues(staff01, second.id);
    expect(secondValues.followUps).toEqual([{ id: item.id, version: 2, status: 'dropped' }]);
    await updateMeeting(staff01, { ...secondValues, followUps: [{ id: item.id, version: 2, status: 'open' }] });
    expect(await itemRow(item.id)).toMatchObject({ status: 'open', closedMeetingId: null, closedOn: null, version: 3 });
  });

  it('deletes a meeting with the items raised there, and restores it', async () => {
    const group = await makeGroup(coordinator01);
    const meeting = await makeMeeting(staff01, group.id, {
      actionItems: [
        { id: '', version: '', description: 'Punkt', responsibleMemberId: group.members[0]!.id, dueOn: '2020-01-01' },
      ],
    });
    await expect(deleteMeeting(staff01, { id: meeting.id, version: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await deleteMeeting(coordinator01, { id: meeting.id, version: 1 });
    expect((await listMeetingsForActor(coordinator01, { group: group.id })).rows).toEqual([]);
    expect(
      (await listMeetingsForActor(coordinator01, { group: group.id, includeDeleted: true })).rows.map((m) => m.id),
    ).toEqual([meeting.id]);
    expect((await listActionItemsForActor(coordinator01, { group: group.id, status: 'all' })).rows).toEqual([]);
    await expect(getMeetingForActor(staff01, meeting.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getMeetingForActor(coordinator01, meeting.id)).toMatchObject({
      permissions: { update: false, delete: false, restore: true },
    });
    const values = await meetingEditValues(coordinator01, meeting.id);
    await expect(updateMeeting(coordinator01, values)).rejects.toMatchObject({ code: 'forbidden' });
    await restoreMeeting(coordinator01, { id: meeting.id });
    expect((await listActionItemsForActor(staff01, { group: group.id, status: 'all' })).rows).toHaveLength(1);
    expect(await auditActions('meeting', meeting.id)).toEqual(['meeting.create', 'meeting.delete', 'meeting.restore']);
  });

  it('marks pending items past their due date as overdue and filters the action items by status and due period', async () => {
    const group = await makeGroup(coordinator01);
    const member = group.members[0]!.id;
    const today = todayInStockholm();
    const meeting = await makeMeeting(staff01, group.id, {
      date: '2024-01-15',
      actionItems: [
        { id: '', version: '', description: 'Försenad', responsibleMemberId: member, dueOn: '2024-02-01' },
        {
          id: '',
          version: '',
          description: 'I tid',
          responsibleMemberId: member,
          dueOn: `${Number(today.slice(0, 4)) + 1}-01-01`,
        },
        { id: '', version: '', description: 'Klar', responsibleMemberId: member, dueOn: '2024-01-31' },
      ],
    });
    const [late, onTime, done] = meeting.raised;
    await makeMeeting(staff01, group.id, {
      date: '2024-03-01',
      followUps: [{ id: done!.id, version: '1', status: 'done' }],
    });

    const list = async (status: string, extra = {}) =>
      (
        await listActionItemsForActor(staff01, {
          ...ActionItemFilterSchema.parse({ status, ...extra }),
          group: group.id,
        })
      ).rows.map((i) => [i.description, i.overdue]);
    expect(await list('pending')).toEqual([
      ['Försenad', true],
      ['I tid', false],
    ]);
    expect(await list('overdue')).toEqual([['Försenad', true]]);
    expect(await list('done')).toEqual([['Klar', false]]);
    expect(await list('all')).toHaveLength(3);
    expect(await list('all', { from: '2024-01-01', to: '2024-12-31' })).toEqual([
      ['Försenad', true],
      ['Klar', false],
    ]);
    expect(ActionItemFilterSchema.parse({ status: 'nonsense' }).status).toBeUndefined();
    expect(late!.overdue).toBe(true);
    expect(onTime!.overdue).toBe(false);
  });

  it('stores meeting times as instants in Swedish time, summer and winter', () => {
    expect(stockholmToInstant('2026-01-15', '10:00').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(stockholmToInstant('2026-07-01', '10:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    // The day summer time starts (02:00 → 03:00) and ends.
    expect(stockholmToInstant('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(stockholmToInstant('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(instantToStockholm(new Date('2026-07-01T08:00:00Z'))).toEqual({ date: '2026-07-01', time: '10:00' });
    expect(instantToStockholm(new Date('2026-12-31T23:30:00Z'))).toEqual({ date: '2027-01-01', time: '00:30' });
  });

  it('keeps a removed member on the meetings it attended', async () => {
    const group = await makeGroup(coordinator01);
    const [police, social] = group.members;
    const meeting = await makeMeeting(staff01, group.id, { attendees: [police!.id, social!.id] });
    const values = await groupEditValues(coordinator01, group.id);
    await updateGroup(coordinator01, { ...values, members: values.members.filter((m) => m.id !== social!.id) });
    const after = await getMeetingForActor(staff01, meeting.id);
    expect(after.attendance.map((m) => [m.organisationName, m.removed])).toEqual([
      ['Polisregion Stockholm', false],
      ['Stockholms stad, socialtjänsten', true],
    ]);
    // The removed member may stay on the meeting it attended, but cannot be added to a new one.
    const edit = await meetingEditValues(staff01, meeting.id);
    await updateMeeting(staff01, { ...edit, minutes: 'Ändrat' });
    await expect(
      createMeeting(staff01, MeetingSchema.parse(meetingForm(group.id, { attendees: [social!.id] }))),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'attendees' } });
    expect((await getNewMeetingContext(staff01, group.id)).members.map((m) => m.id)).toEqual([
      police!.id,
      group.members[2]!.id,
    ]);
  });
});

describe('lists, exports, calendar and the start page', () => {
  it('lists meetings by group, period, format and county, and exports them with attendees, audited', async () => {
    const group = await makeGroup(coordinator14, { countyCode: '14', kind: 'regional', participatingCounties: ['13'] });
    const [a, b] = group.members;
    const winter = await makeMeeting(coordinator14, group.id, {
      date: '2024-12-30',
      startTime: '23:00',
      endTime: '23:45',
      format: 'digital',
      place: '',
      attendees: [a!.id, b!.id],
    });
    const spring = await makeMeeting(coordinator14, group.id, { date: '2025-04-02', attendees: [a!.id] });

    const ids = async (filter: Record<string, string>) =>
      (await listMeetingsForActor(national, { ...MeetingFilterSchema.parse(filter), group: group.id })).rows.map(
        (m) => m.id,
      );
    expect(await ids({})).toEqual([spring.id, winter.id]);
    expect(await ids({ from: '2024-12-30', to: '2024-12-30' })).toEqual([winter.id]);
    expect(await ids({ from: '2024-12-31' })).toEqual([spring.id]);
    expect(await ids({ format: 'digital' })).toEqual([winter.id]);
    expect(await ids({ county: '13' })).toEqual([spring.id, winter.id]);
    expect(await ids({ county: '01' })).toEqual([]);
    const coordinator13 = await makeUser('county_coordinator', '13');
    expect(
      (await listMeetingsForActor(coordinator13, { group: group.id, county: '01' })).rows.map((m) => m.id),
    ).toEqual([spring.id, winter.id]);

    const page = await listMeetingsForActor(national, { group: group.id });
    expect(page).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(page.rows[1]).toMatchObject({
      groupName: group.name,
      countyCode: '14',
      attendeeCount: 2,
      otherGuests: 2,
      format: 'digital',
      place: null,
    });

    const { rows } = await exportMeetingsForActor(coordinator14, { group: group.id });
    expect(rows.map((r) => [r.id, r.attendees])).toEqual([
      [spring.id, ['Polisregion Stockholm']],
      [winter.id, ['Polisregion Stockholm', 'Stockholms stad, socialtjänsten']],
    ]);
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'meeting.export'), eq(auditLog.actorId, coordinator14.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.changes).toMatchObject({ filter: { group: group.id }, rowCount: 2, truncated: false });
  });

  it('gives the calendar of a group: live meetings in order, audited', async () => {
    const group = await makeGroup(coordinator01);
    const later = await makeMeeting(staff01, group.id, { date: '2026-12-10' });
    const earlier = await makeMeeting(staff01, group.id, { date: '2026-10-01' });
    const gone = await makeMeeting(staff01, group.id, { date: '2026-11-01' });
    await deleteMeeting(coordinator01, { id: gone.id, version: 1 });
    const calendar = await getGroupCalendarForActor(staff01, group.id);
    expect(calendar.group).toEqual({ id: group.id, name: group.name, countyCode: '01' });
    expect(calendar.meetings.map((m) => m.id)).toEqual([earlier.id, later.id]);
    expect(await auditActions('coordination_group', group.id)).toContain('coordination_group.calendar');
    await expect(getGroupCalendarForActor(staff14, group.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it("shows a county's next meetings and pending items, including groups it takes part in, on the start page", async () => {
    const coordinator20 = await makeUser('county_coordinator', '20');
    const staff20 = await makeUser('county_staff', '20');
    const own = await makeGroup(coordinator20, { countyCode: '20' });
    const regional = await makeGroup(coordinator14, {
      countyCode: '14',
      kind: 'regional',
      participatingCounties: ['20'],
    });
    const elsewhere = await makeGroup(coordinator14, { countyCode: '14' });
    const future = `${Number(todayInStockholm().slice(0, 4)) + 1}-02-03`;
    const upcomingOwn = await makeMeeting(coordinator20, own.id, { date: future, startTime: '10:00' });
    const upcomingRegional = await makeMeeting(coordinator14, regional.id, { date: future, startTime: '09:00' });
    await makeMeeting(coordinator14, elsewhere.id, { date: future, startTime: '08:00' });
    await makeMeeting(coordinator20, own.id, {
      date: '2024-05-05',
      actionItems: [
        {
          id: '',
          version: '',
          description: 'Försenad punkt',
          responsibleMemberId: own.members[0]!.id,
          dueOn: '2024-06-01',
        },
      ],
    });

    // The county may hold other runs' meetings (a persistent test database): look for this run's.
    const summary = await getCoordinationSummaryForActor(staff20, { meetings: 10_000, items: 10_000 });
    const upcoming = summary.upcoming.map((m) => m.id);
    expect(upcoming.filter((id) => [upcomingRegional.id, upcomingOwn.id].includes(id))).toEqual([
      upcomingRegional.id,
      upcomingOwn.id,
    ]);
    expect(summary.upcoming.every((m) => m.startsAt > new Date() && m.groupId !== elsewhere.id)).toBe(true);
    expect(summary.pending.filter((i) => i.groupId === own.id).map((i) => [i.description, i.overdue])).toEqual([
      ['Försenad punkt', true],
    ]);
    expect(summary.pendingCount).toBeGreaterThanOrEqual(1);
    expect(summary.overdueCount).toBeGreaterThanOrEqual(1);
    expect((await getCoordinationSummaryForActor(staff20)).upcoming.length).toBeLessThanOrEqual(5);
    await expect(getCoordinationSummaryForActor(analyst)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('offers the groups one may hold meetings in, and those one reads', async () => {
    const own = await makeGroup(coordinator01);
    const participating = await makeGroup(coordinator14, {
      countyCode: '14',
      kind: 'regional',
      participatingCounties: ['01'],
    });
    const meetingGroups = (await listGroupOptionsForActor(staff01, 'meeting')).map((g) => g.id);
    expect(meetingGroups).toContain(own.id);
    expect(meetingGroups).not.toContain(participating.id);
    const readGroups = await listGroupOptionsForActor(staff01, 'read');
    expect(readGroups.find((g) => g.id === participating.id)).toEqual({
      id: participating.id,
      name: participating.name,
      countyCode: '14',
      counties: ['14', '01'],
    });
  });

  it('lists groups with their counts, and filters by kind and activity', async () => {
    const coordinator21 = await makeUser('county_coordinator', '21');
    const active = await makeGroup(coordinator21, { countyCode: '21', kind: 'county' });
    const ended = await makeGroup(coordinator21, {
      countyCode: '21',
      kind: 'regional',
      activeFrom: '2008-01-01',
      activeTo: '2012-12-31',
    });
    await makeMeeting(coordinator21, active.id, {
      date: '2024-05-05',
      actionItems: [
        { id: '', version: '', description: 'Punkt', responsibleMemberId: active.members[0]!.id, dueOn: '2024-06-01' },
      ],
    });
    const position = (await groupIdsListed(coordinator21, { kind: 'county', activity: 'active' })).indexOf(active.id);
    const page = await listGroupsForActor(coordinator21, {
      kind: 'county',
      activity: 'active',
      page: Math.floor(position / PAGE_SIZE) + 1,
    });
    expect(page.rows.find((r) => r.id === active.id)).toMatchObject({
      memberCount: 3,
      meetingCount: 1,
      pendingCount: 1,
      overdueCount: 1,
      participatingCounties: [],
    });
    const ids = async (filter: object) =>
      (await groupIdsListed(coordinator21, filter)).filter((id) => [active.id, ended.id].includes(id));
    expect(await ids({ kind: 'regional' })).toEqual([ended.id]);
    expect(await ids({ activity: 'ended' })).toEqual([ended.id]);
    expect(await ids({ activity: 'active' })).toEqual([active.id]);
  });
});

describe('the database refuses bad values whatever the app does', () => {
  it('refuses a victim as a member organisation, a meeting that ends before it starts and negative guests', async () => {
    const group = await makeGroup(coordinator01);
    const db = await getDb();
    expect(
      databaseErrorDetail(
        await db
          .insert(groupMembers)
          .values({ groupId: group.id, position: 9, organisationType: 'victim', organisationName: 'x' })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/group_members_not_victim/);
    const at = new Date('2025-01-01T10:00:00Z');
    expect(
      databaseErrorDetail(
        await db
          .insert(meetings)
          .values({ groupId: group.id, startsAt: at, endsAt: at, format: 'digital' })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/meetings_time_order/);
    expect(
      databaseErrorDetail(
        await db
          .insert(meetings)
          .values({
            groupId: group.id,
            startsAt: at,
            endsAt: new Date('2025-01-01T11:00:00Z'),
            format: 'digital',
            otherGuests: -1,
          })
          .catch((e: unknown) => e),
      ),
    ).toMatch(/meetings_other_guests_range/);
    expect(
      databaseErrorDetail(
        await db
          .update(coordinationGroups)
          .set({ activeTo: '2000-01-01' })
          .where(eq(coordinationGroups.id, group.id))
          .catch((e: unknown) => e),
      ),
    ).toMatch(/coordination_groups_active_range/);
  });

  it('refuses a closed item without a closing date, and closing an item at the meeting that raised it', async () => {
    const group = await makeGroup(coordinator01);
    const meeting = await makeMeeting(staff01, group.id, {
      actionItems: [
        { id: '', version: '', description: 'Punkt', responsibleMemberId: group.members[0]!.id, dueOn: '2025-06-01' },
      ],
    });
    const db = await getDb();
    const id = meeting.raised[0]!.id;
    expect(
      databaseErrorDetail(
        await db
          .update(actionItems)
          .set({ status: 'done' })
          .where(eq(actionItems.id, id))
          .catch((e: unknown) => e),
      ),
    ).toMatch(/action_items_closed_pair/);
    expect(
      databaseErrorDetail(
        await db
          .update(actionItems)
          .set({ status: 'done', closedOn: '2025-01-01', closedMeetingId: meeting.id })
          .where(eq(actionItems.id, id))
          .catch((e: unknown) => e),
      ),
    ).toMatch(/action_items_not_closed_where_raised/);
  });
});

describe('the form schemas', () => {
  it('keep the same limits as the database', () => {
    for (const key of [
      'name',
      'description',
      'organisationName',
      'contactFunction',
      'place',
      'agenda',
      'minutes',
      'decisions',
      'actionItem',
      'otherGuests',
    ] as const) {
      expect([key, LIMITS[key]]).toEqual([key, COORDINATION_LIMITS[key]]);
    }
  });

  it('refuse personal data in every free-text field', () => {
    const personalNumber = 'Kontakt 19121212-1212';
    const phone = 'Ring 070-123 45 67';
    const email = 'Mejla anna@example.se';
    const group = GroupSchema.safeParse(
      groupForm({
        name: phone,
        description: personalNumber,
        members: [{ id: '', organisationType: 'police', organisationName: email, contactFunction: phone }],
      }),
    );
    expect(group.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'validation.personalData.phone'],
      ['description', 'validation.personalData.personal_number'],
      ['members.0.organisationName', 'validation.personalData.email'],
      ['members.0.contactFunction', 'validation.personalData.phone'],
    ]);
    const groupId = randomUUID();
    const meeting = MeetingSchema.safeParse(
      meetingForm(groupId, {
        place: email,
        agenda: personalNumber,
        minutes: `Offret heter inget här men ${phone}`,
        decisions: email,
        actionItems: [
          { id: '', version: '', description: personalNumber, responsibleMemberId: randomUUID(), dueOn: '2025-01-01' },
        ],
      }),
    );
    expect(meeting.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'actionItems.0.description',
      'agenda',
      'decisions',
      'minutes',
      'place',
    ]);
  });

  it('coerce what form inputs send and check times and dates', () => {
    const parsed = MeetingSchema.parse(
      meetingForm(randomUUID(), { otherGuests: '', attendees: false as never, place: '  ', startTime: '08:15:00' }),
    );
    expect(parsed).toMatchObject({ otherGuests: 0, attendees: [], place: null, startTime: '08:15' });
    const bad = MeetingSchema.safeParse(
      meetingForm(randomUUID(), { startTime: '14:00', endTime: '13:00', otherGuests: '-1', date: '2025-02-30' }),
    );
    // The order of the times is checked in the same round as the fields' own errors (issue 18).
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['date', 'validation.date'],
      ['otherGuests', 'validation.wholeNumber'],
      ['endTime', 'validation.endBeforeStart'],
    ]);
    const order = MeetingSchema.safeParse(meetingForm(randomUUID(), { startTime: '14:00', endTime: '13:00' }));
    expect(order.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endTime', 'validation.endBeforeStart'],
    ]);
    const group = GroupSchema.safeParse(groupForm({ activeFrom: '2020-01-01', activeTo: '2019-12-31', kind: '' }));
    // Both at once: the range is checked in the same round as a missing kind (issue 18).
    expect(group.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['kind', 'validation.required'],
      ['activeTo', 'validation.activeToBeforeFrom'],
    ]);
    const range = GroupSchema.safeParse(groupForm({ activeFrom: '2020-01-01', activeTo: '2019-12-31' }));
    expect(range.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['activeTo', 'validation.activeToBeforeFrom'],
    ]);
    expect(
      GroupSchema.safeParse(
        groupForm({ members: [{ id: '', organisationType: 'victim', organisationName: 'x', contactFunction: '' }] }),
      ).success,
    ).toBe(false);
  });
});
