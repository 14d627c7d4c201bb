import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupSchema } from '@/lib/schemas/coordination';
import {
  participantTotal,
  TRAINING_LIMITS,
  TrainingEditSchema,
  TrainingFilterSchema,
  TrainingSchema,
  type TrainingInput,
} from '@/lib/schemas/trainings';
import { AppError } from '@/lib/errors';
import { getDb } from '@/db/index';
import type { Actor } from '@/lib/policy';
import type { Role } from '@/lib/roles';
import { auditLog, COORDINATION_LIMITS, trainingParticipants, trainings } from '@/db/schema';
import { makeRegionalCoordinator, makeUser } from '@/db/test/helpers';
import { createGroup } from '../coordination/groups';
import { exportTrainingsForActor, listTrainingGroupOptions, listTrainingsForActor } from './list';
import { createTraining, deleteTraining, getTrainingForActor, restoreTraining, updateTraining } from './register';
import { databaseErrorDetail } from '@/db/errors';

// Each test makes its own trainings; lists are read through a coordination group of the test's
// own (the group filter), so they hold beside the demo data and on a shared PostgreSQL database.

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function form(overrides: Partial<TrainingInput> = {}): TrainingInput {
  return {
    countyCode: '01',
    organiser: 'county_board',
    title: 'Att identifiera människohandel',
    startsOn: '2025-03-10',
    endsOn: '2025-03-11',
    format: 'in_person',
    hours: '6,5',
    themes: ['identifying_trafficking', 'legislation'],
    participants: [
      { audience: 'social_services', participants: '24' },
      { audience: 'police', participants: '12' },
    ],
    evaluation: '4,3',
    groupId: '',
    description: 'Heldag med övningar.',
    ...overrides,
  };
}

async function makeGroup(actor: Actor, county: string, participating: string[] = []) {
  const { id } = await createGroup(
    actor,
    GroupSchema.parse({
      name: `Grupp ${randomUUID()
        .replace(/-/g, '')
        .slice(0, 10)
        .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`,
      countyCode: county,
      kind: participating.length ? 'regional' : 'county',
      participatingCounties: participating,
      description: '',
      activeFrom: '2010-01-01',
      activeTo: '',
      members: [{ id: '', organisationType: 'police', organisationName: 'Polisen', contactFunction: '' }],
    }),
  );
  return id;
}

async function editValues(actor: Actor, id: string) {
  const t = await getTrainingForActor(actor, id);
  return TrainingEditSchema.parse({
    id: t.id,
    version: String(t.version),
    countyCode: t.countyCode,
    organiser: t.organiser,
    title: t.title,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    format: t.format,
    hours: String(t.hours),
    themes: t.themes,
    participants: t.participants.map((p) => ({ audience: p.audience, participants: String(p.participants) })),
    evaluation: t.evaluation === null ? '' : String(t.evaluation),
    groupId: t.groupId ?? '',
    description: t.description ?? '',
  });
}

async function trainingRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(trainings).where(eq(trainings.id, id));
  return row!;
}

let national: Actor;
let analyst: Actor;
let admin: Actor;
let coordinator01: Actor;
let staff01: Actor;
let coordinator14: Actor;
/** Police region Stockholm: counties 01 and 09. */
let regionalStockholm: Actor;

beforeAll(async () => {
  [national, analyst, admin, coordinator01, staff01, coordinator14, regionalStockholm] = await Promise.all([
    makeUser('national_coordinator'),
    makeUser('national_analyst'),
    makeUser('admin'),
    makeUser('county_coordinator', '01'),
    makeUser('county_staff', '01'),
    makeUser('county_coordinator', '14'),
    makeRegionalCoordinator('Stockholm'),
  ]);
});

describe('registering a training', () => {
  it('stores participants per audience, computes the total and audits what was stored', async () => {
    const { id } = await createTraining(staff01, TrainingSchema.parse(form()));
    const detail = await getTrainingForActor(staff01, id);
    expect(detail).toMatchObject({
      countyCode: '01',
      county: { code: '01', nameSv: 'Stockholms län' },
      organiser: 'county_board',
      hours: 6.5,
      evaluation: 4.3,
      themes: ['identifying_trafficking', 'legislation'],
      // In the audience list's order, whatever order they were typed in.
      participants: [
        { audience: 'police', participants: 12 },
        { audience: 'social_services', participants: 24 },
      ],
      total: 36,
      group: null,
      version: 1,
      createdByName: 'Test county_staff',
      permissions: { update: true, delete: false, restore: false },
    });
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'training.create')));
    expect(audit).toMatchObject({ actorId: staff01.id, entityType: 'training', countyCode: '01' });
    expect(audit!.changes).toMatchObject({ title: 'Att identifiera människohandel', total: 36, hours: 6.5 });
    // The total is never stored: only the rows per audience are.
    expect(Object.keys(await trainingRow(id))).not.toContain('total');
  });

  it('links a group the organising county runs or takes part in, and refuses any other', async () => {
    const own = await makeGroup(coordinator01, '01');
    const regional = await makeGroup(coordinator14, '14', ['01']);
    const elsewhere = await makeGroup(coordinator14, '14');
    const linked = await createTraining(staff01, TrainingSchema.parse(form({ groupId: own })));
    expect((await getTrainingForActor(staff01, linked.id)).group).toEqual({
      id: own,
      name: expect.stringMatching(/^Grupp /),
    });
    await expect(createTraining(staff01, TrainingSchema.parse(form({ groupId: regional })))).resolves.toEqual({
      id: expect.any(String),
    });
    await expect(createTraining(staff01, TrainingSchema.parse(form({ groupId: elsewhere })))).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'groupId' },
    });
    await expect(createTraining(national, TrainingSchema.parse(form({ groupId: elsewhere })))).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'groupId' },
    });
    const options = (await listTrainingGroupOptions(staff01)).map((g) => g.id);
    expect(options).toEqual(expect.arrayContaining([own, regional]));
    expect(options).not.toContain(elsewhere);
  });
});

describe('who may do what', () => {
  type Outcome = 'ok' | 'forbidden' | 'not_found';
  const OPS = ['read', 'create', 'update', 'delete', 'restore', 'list', 'export'] as const;
  type Op = (typeof OPS)[number];
  const all = (o: Outcome) => Object.fromEntries(OPS.map((op) => [op, o])) as Record<Op, Outcome>;
  const expected: Record<Role, { own: Record<Op, Outcome>; other: Record<Op, Outcome> }> = {
    national_coordinator: { own: all('ok'), other: all('ok') },
    county_coordinator: { own: all('ok'), other: { ...all('not_found'), create: 'forbidden' } },
    county_staff: {
      own: { ...all('ok'), delete: 'forbidden', restore: 'forbidden' },
      other: { ...all('not_found'), create: 'forbidden', delete: 'forbidden', restore: 'forbidden' },
    },
    // Stockholm's regional coordinator: 01 is in the region, 14 is not.
    regional_coordinator: {
      own: { ...all('ok'), delete: 'forbidden', restore: 'forbidden' },
      other: { ...all('not_found'), create: 'forbidden', delete: 'forbidden', restore: 'forbidden' },
    },
    national_analyst: { own: all('forbidden'), other: all('forbidden') },
    admin: { own: all('forbidden'), other: all('forbidden') },
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

  async function attempt(actor: Actor, op: Op, county: string): Promise<{ outcome: Outcome; id?: string }> {
    const group = await makeGroup(national, county);
    if (op === 'create')
      return {
        outcome: (await refusal(
          createTraining(actor, TrainingSchema.parse(form({ countyCode: county, groupId: group }))),
        )) as Outcome,
      };
    const { id } = await createTraining(national, TrainingSchema.parse(form({ countyCode: county, groupId: group })));
    const run = async (): Promise<Outcome> => {
      switch (op) {
        case 'read':
          return (await refusal(getTrainingForActor(actor, id))) as Outcome;
        case 'update': {
          const values = await editValues(national, id);
          return (await refusal(
            updateTraining(actor, {
              ...values,
              title: 'Ändrad',
              participants: [{ audience: 'courts', participants: 3 }],
            }),
          )) as Outcome;
        }
        case 'delete':
          return (await refusal(deleteTraining(actor, { id, version: 1 }))) as Outcome;
        case 'restore':
          await deleteTraining(national, { id, version: 1 });
          return (await refusal(restoreTraining(actor, { id }))) as Outcome;
        case 'list': {
          const r = await refusal(listTrainingsForActor(actor, { group }));
          if (r !== 'ok') return r as Outcome;
          return (await listTrainingsForActor(actor, { group, county })).rows.some((t) => t.id === id)
            ? 'ok'
            : 'not_found';
        }
        case 'export': {
          const r = await refusal(exportTrainingsForActor(actor, { group }));
          if (r !== 'ok') return r as Outcome;
          return (await exportTrainingsForActor(actor, { group, county })).rows.some((t) => t.id === id)
            ? 'ok'
            : 'not_found';
        }
      }
      throw new Error(op);
    };
    return { outcome: await run(), id };
  }

  for (const [role, { own, other }] of Object.entries(expected) as [Role, (typeof expected)[Role]][]) {
    it(`${role}: in the own county ${JSON.stringify(own)}, in another ${JSON.stringify(other)}`, async () => {
      const actor = actorFor(role);
      const outcomes = { own: {} as Record<Op, Outcome>, other: {} as Record<Op, Outcome> };
      for (const op of OPS) {
        outcomes.own[op] = (await attempt(actor, op, '01')).outcome;
        const elsewhere = await attempt(actor, op, '14');
        outcomes.other[op] = elsewhere.outcome;
        if (elsewhere.id && elsewhere.outcome !== 'ok' && (op === 'update' || op === 'delete')) {
          // A refused change leaves the other county's training as it was.
          expect(await trainingRow(elsewhere.id)).toMatchObject({
            version: 1,
            title: 'Att identifiera människohandel',
            deletedAt: null,
          });
          const db = await getDb();
          const rows = await db
            .select()
            .from(trainingParticipants)
            .where(eq(trainingParticipants.trainingId, elsewhere.id))
            .orderBy(asc(trainingParticipants.audience));
          expect(rows.map((r) => [r.audience, r.participants])).toEqual([
            ['police', 12],
            ['social_services', 24],
          ]);
        }
      }
      expect(outcomes).toEqual({ own, other });
    });
  }
});

describe('editing a training', () => {
  it('saves the changes, replaces the participants and audits the old and new total', async () => {
    const { id } = await createTraining(staff01, TrainingSchema.parse(form()));
    const values = await editValues(staff01, id);
    expect(
      await updateTraining(staff01, {
        ...values,
        hours: 7,
        participants: [{ audience: 'embassy_staff', participants: 40 }],
        evaluation: null,
      }),
    ).toEqual({ id, version: 2 });
    const detail = await getTrainingForActor(staff01, id);
    expect(detail).toMatchObject({
      hours: 7,
      evaluation: null,
      participants: [{ audience: 'embassy_staff', participants: 40 }],
      total: 40,
      version: 2,
    });
    const update = detail.history.find((h) => h.action === 'training.update')!;
    expect(Object.keys(update.changes!).sort()).toEqual(['evaluation', 'hours', 'participants', 'total']);
    expect(update.changes!.total).toEqual({ from: 36, to: 40 });
    expect(await updateTraining(staff01, await editValues(staff01, id))).toEqual({ id, version: 2 });
  });

  it('refuses a stale edit with the current values, and keeps the county', async () => {
    const { id } = await createTraining(staff01, TrainingSchema.parse(form()));
    const mine = await editValues(staff01, id);
    const theirs = await editValues(coordinator01, id);
    await updateTraining(coordinator01, { ...theirs, title: 'Samordnarens titel' });
    const error = await updateTraining(staff01, { ...mine, title: 'Min titel' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'conflict',
      details: {
        current: expect.objectContaining({ title: 'Samordnarens titel', version: 2 }),
        updatedBy: 'Test county_coordinator',
      },
    });
    expect(
      TrainingEditSchema.safeParse({
        ...((error as AppError).details!.current as object),
        hours: '6.5',
        evaluation: '4.3',
      }).success,
    ).toBe(true);
    const current = await editValues(national, id);
    await expect(updateTraining(national, { ...current, countyCode: '14' })).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'countyCode' },
    });
    expect(await trainingRow(id)).toMatchObject({ countyCode: '01', title: 'Samordnarens titel', version: 2 });
  });

  it('deletes and restores a training; staff cannot see it while deleted', async () => {
    const { id } = await createTraining(staff01, TrainingSchema.parse(form()));
    await expect(deleteTraining(coordinator01, { id, version: 2 })).rejects.toMatchObject({ code: 'conflict' });
    await deleteTraining(coordinator01, { id, version: 1 });
    await expect(getTrainingForActor(staff01, id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getTrainingForActor(coordinator01, id)).toMatchObject({
      permissions: { update: false, delete: false, restore: true },
    });
    const values = await editValues(coordinator01, id);
    await expect(updateTraining(coordinator01, values)).rejects.toMatchObject({ code: 'not_found' });
    await restoreTraining(coordinator01, { id });
    expect((await getTrainingForActor(staff01, id)).deletedAt).toBeNull();
  });
});

describe('the training list and export', () => {
  it('filters by period, theme, audience and organiser, and sums the participants of every match', async () => {
    const group = await makeGroup(coordinator01, '01');
    const a = await createTraining(
      staff01,
      TrainingSchema.parse(
        form({ groupId: group, startsOn: '2024-02-01', endsOn: '2024-02-01', themes: ['lgbtq'], organiser: 'ngo' }),
      ),
    );
    const b = await createTraining(
      staff01,
      TrainingSchema.parse(
        form({
          groupId: group,
          startsOn: '2024-09-01',
          endsOn: '2024-09-02',
          participants: [{ audience: 'embassy_staff', participants: '15' }],
        }),
      ),
    );
    const c = await createTraining(
      staff01,
      TrainingSchema.parse(form({ groupId: group, startsOn: '2025-01-15', endsOn: '2025-01-15' })),
    );
    const ids = async (filter: Record<string, string>) =>
      (await listTrainingsForActor(staff01, { ...TrainingFilterSchema.parse(filter), group })).rows.map((t) => t.id);

    const page = await listTrainingsForActor(staff01, { group });
    expect(page).toMatchObject({ total: 3, participantTotal: 36 + 15 + 36, page: 1, pageCount: 1 });
    expect(page.rows.map((t) => t.id)).toEqual([c.id, b.id, a.id]);
    expect(page.rows[1]).toMatchObject({
      total: 15,
      participants: [{ audience: 'embassy_staff', participants: 15 }],
      groupName: expect.stringMatching(/^Grupp /),
      hours: 6.5,
    });
    expect(await ids({ from: '2024-01-01', to: '2024-12-31' })).toEqual([b.id, a.id]);
    expect(await ids({ theme: 'lgbtq' })).toEqual([a.id]);
    expect(await ids({ theme: 'legislation' })).toEqual([c.id, b.id]);
    expect(await ids({ audience: 'embassy_staff' })).toEqual([b.id]);
    expect(await ids({ audience: 'police' })).toEqual([c.id, a.id]);
    expect(await ids({ organiser: 'ngo' })).toEqual([a.id]);
    expect((await listTrainingsForActor(staff01, { group, audience: 'police' })).participantTotal).toBe(72);
    expect(TrainingFilterSchema.parse({ theme: 'cooking', audience: ['police', 'courts'], page: '-3' })).toMatchObject({
      theme: undefined,
      audience: 'police',
      page: 1,
    });

    const { rows } = await exportTrainingsForActor(coordinator01, { group });
    expect(rows.map((r) => r.total)).toEqual([36, 15, 36]);
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'training.export'), eq(auditLog.actorId, coordinator01.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.changes).toMatchObject({ filter: { group }, rowCount: 3 });
  });

  it('keeps county roles to their own county whatever the URL says', async () => {
    const group = await makeGroup(coordinator14, '14');
    const { id } = await createTraining(
      coordinator14,
      TrainingSchema.parse(form({ countyCode: '14', groupId: group })),
    );
    expect((await listTrainingsForActor(staff01, { county: '14', group })).rows).toEqual([]);
    expect((await listTrainingsForActor(national, { county: '14', group })).rows.map((t) => t.id)).toEqual([id]);
    expect((await listTrainingsForActor(national, { county: '01', group })).rows).toEqual([]);
  });
});

describe('the database refuses bad values whatever the app does', () => {
  it('refuses hours of 0, an evaluation above 5, no themes, a negative count and an end before the start', async () => {
    const { id } = await createTraining(staff01, TrainingSchema.parse(form()));
    const db = await getDb();
    const fails = async (set: Partial<typeof trainings.$inferInsert>) =>
      databaseErrorDetail(
        await db
          .update(trainings)
          .set(set)
          .where(eq(trainings.id, id))
          .catch((e: unknown) => e),
      );
    expect(await fails({ hours: 0 })).toMatch(/trainings_hours_range/);
    expect(await fails({ evaluation: 5.5 })).toMatch(/trainings_evaluation_range/);
    expect(await fails({ evaluation: 0.9 })).toMatch(/trainings_evaluation_range/);
    expect(await fails({ themes: [] })).toMatch(/trainings_themes_present/);
    expect(await fails({ endsOn: '2025-03-01' })).toMatch(/trainings_dates/);
    expect(
      databaseErrorDetail(
        await db
          .update(trainingParticipants)
          .set({ participants: -1 })
          .where(eq(trainingParticipants.trainingId, id))
          .catch((e: unknown) => e),
      ),
    ).toMatch(/training_participants_range/);
    expect(
      databaseErrorDetail(
        await db
          .execute(
            sql`insert into training_participants (training_id, audience, participants) values (${id}, 'journalists', 1)`,
          )
          .catch((e: unknown) => e),
      ),
    ).toMatch(/enum training_audience/);
  });
});

describe('the form schema', () => {
  it('keeps the same limits as the database', () => {
    expect(TRAINING_LIMITS.title).toBe(COORDINATION_LIMITS.trainingTitle);
    expect(TRAINING_LIMITS.description).toBe(COORDINATION_LIMITS.trainingDescription);
    expect(TRAINING_LIMITS.participants).toBe(COORDINATION_LIMITS.participants);
    expect(TRAINING_LIMITS.hours).toBe(COORDINATION_LIMITS.hours);
  });

  it('reads decimals the Swedish and the English way and checks their range', () => {
    expect(TrainingSchema.parse(form({ hours: '3.5', evaluation: '5' }))).toMatchObject({ hours: 3.5, evaluation: 5 });
    expect(TrainingSchema.parse(form({ evaluation: '' })).evaluation).toBeNull();
    const bad = TrainingSchema.safeParse(form({ hours: '0', evaluation: '5,5' }));
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['hours', 'validation.numberRange'],
      ['evaluation', 'validation.numberRange'],
    ]);
    expect(TrainingSchema.safeParse(form({ hours: '3,25' })).error!.issues[0]!.message).toBe('validation.decimal');
  });

  it('needs a theme, an audience, each audience once, whole counts and an end on or after the start', () => {
    const bad = TrainingSchema.safeParse(
      form({
        themes: [],
        participants: [
          { audience: 'police', participants: '3' },
          { audience: 'police', participants: '2,5' },
        ],
        startsOn: '2025-03-10',
        endsOn: '2025-03-09',
      }),
    );
    // The end before the start is said in the same round as the fields' own errors (issue 18).
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['themes', 'validation.themeRequired'],
      ['participants.1.participants', 'validation.wholeNumber'],
      ['endsOn', 'validation.endsBeforeStarts'],
    ]);
    const dup = TrainingSchema.safeParse(
      form({
        participants: [
          { audience: 'police', participants: '3' },
          { audience: 'police', participants: '2' },
        ],
      }),
    );
    expect(dup.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['participants', 'validation.audienceDuplicate'],
    ]);
    expect(TrainingSchema.safeParse(form({ participants: [] })).error!.issues.map((i) => i.message)).toEqual([
      'validation.audienceRequired',
    ]);
    expect(
      TrainingSchema.safeParse(form({ endsOn: '2025-03-09' })).error!.issues.map((i) => [i.path.join('.'), i.message]),
    ).toEqual([['endsOn', 'validation.endsBeforeStarts']]);
  });

  it('refuses personal data in the title and the description', () => {
    const bad = TrainingSchema.safeParse(
      form({ title: 'Kurs med Anna 070-123 45 67', description: 'Anmälan till kurs@example.se' }),
    );
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['title', 'validation.personalData.phone'],
      ['description', 'validation.personalData.email'],
    ]);
  });

  it('shows the total of what has been typed so far', () => {
    expect(
      participantTotal([
        { participants: '12' },
        { participants: ' 1 200 ' },
        { participants: '' },
        { participants: 'x' },
        { participants: 3 },
      ]),
    ).toBe(1215);
  });
});
