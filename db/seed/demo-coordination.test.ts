import { sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '@/lib/privacy-guard';
import { getDb, type Db } from '@/db';
import { DEMO_TODAY } from '@/db/synth/profiles';
import { makeUser } from '@/db/test/helpers';
import { COUNTIES_WITHOUT_GROUP } from './coordination/groups';
import { BRA_EMBASSY_STAFF, BRA_TRAINING_TOTALS } from './coordination/trainings';
import type { CoordinationSeedResult } from './coordination/insert';
import { generateDemoCoordination, seedDemoCoordination } from './demo-coordination';
import { rowsOf } from '@/db/rows';

// All test files share one database: every query here keeps to the rows this file's own user
// created (created_by), whatever other tests have made.

let db: Db;
let creator: string;
let inserted: CoordinationSeedResult;

async function rows<T>(query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

async function counts(query: SQL): Promise<Record<string, number>> {
  return Object.fromEntries((await rows<{ k: string; n: number }>(query)).map((r) => [r.k, Number(r.n)]));
}

const groups = () => sql`(select * from coordination_groups g where g.created_by = ${creator})`;
const trainingsOf = () => sql`(select * from trainings t where t.created_by = ${creator})`;

beforeAll(async () => {
  db = await getDb();
  creator = (await makeUser('county_coordinator', '01')).id;
  inserted = await seedDemoCoordination(db, creator);
});

describe('demo coordination: the plan', () => {
  it('is the same on every call', () => {
    expect(JSON.stringify(generateDemoCoordination())).toBe(JSON.stringify(generateDemoCoordination()));
  });

  it('holds no text the privacy guard would refuse', () => {
    const plan = generateDemoCoordination();
    const texts = [
      ...plan.groups.flatMap((g) => [g.name, g.description, ...g.members.flatMap((m) => [m.name, m.fn ?? ''])]),
      ...plan.meetings.flatMap((m) => [m.place ?? '', m.agenda, m.minutes ?? '', m.decisions ?? '']),
      ...plan.items.map((i) => i.description),
      ...plan.trainings.flatMap((t) => [t.title, t.description ?? '']),
    ];
    expect(texts.filter((t) => findPersonalData(t) !== null)).toEqual([]);
  });

  it('holds nothing after the demo day but planned meetings without minutes or attendance', () => {
    const plan = generateDemoCoordination();
    const after = plan.meetings.filter((m) => m.startsAt > `${DEMO_TODAY}T23:59:59Z`);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => m.minutes === null && m.decisions === null && m.attendees.length === 0)).toBe(true);
    expect(plan.trainings.every((t) => t.endsOn <= DEMO_TODAY)).toBe(true);
    expect(plan.items.every((i) => i.raisedOn <= DEMO_TODAY && (i.closedOn ?? '') <= DEMO_TODAY)).toBe(true);
  });
});

describe('demo coordination: seeded', () => {
  it('inserts everything in one go, and only once per creator', async () => {
    expect(inserted.groups).toBeGreaterThanOrEqual(26);
    expect(inserted.meetings).toBeGreaterThan(1000);
    expect(inserted.attendance).toBeGreaterThan(inserted.meetings * 3);
    expect(inserted.items).toBeGreaterThan(1000);
    expect(inserted.trainings).toBeGreaterThan(1000);
    expect(await seedDemoCoordination(db, creator)).toEqual({
      groups: 0,
      members: 0,
      meetings: 0,
      attendance: 0,
      items: 0,
      trainings: 0,
      participants: 0,
    });
  });

  it('has a county cooperation group in 19 of the 21 counties in 2010, as Brå found', async () => {
    const [row] = await rows<{ n: number; missing: string[] }>(sql`
      select (select count(distinct g.county_code) from ${groups()} g
                where g.kind = 'county' and g.active_from <= '2010-12-31' and (g.active_to is null or g.active_to >= '2010-01-01'))::int as n,
             (select array_agg(c.code::text order by c.code) from counties c
                where not exists (select 1 from ${groups()} g where g.kind = 'county' and g.county_code = c.code)) as missing`);
    expect(Number(row!.n)).toBe(19);
    expect(row!.missing).toEqual([...COUNTIES_WITHOUT_GROUP]);
  });

  it('has cross-county groups, a national network that every county reads and one Baltic Sea network', async () => {
    const kinds = await counts(sql`select g.kind::text as k, count(*)::int as n from ${groups()} g group by g.kind`);
    expect(kinds).toMatchObject({ county: 19, national: 1, international: 1 });
    expect(kinds.regional).toBeGreaterThanOrEqual(3);
    const [nmt] = await rows<{ n: number }>(
      sql`select count(*)::int as n from group_counties gc join ${groups()} g on g.id = gc.group_id where g.kind = 'national'`,
    );
    expect(Number(nmt!.n)).toBe(20);
    const [baltic] = await rows<{ name: string }>(sql`select g.name from ${groups()} g where g.kind = 'international'`);
    expect(baltic!.name).toMatch(/CBSS/);
  });

  it('has action items in every state, some of them overdue', async () => {
    const states = await counts(
      sql`select i.status::text as k, count(*)::int as n from action_items i join ${groups()} g on g.id = i.group_id group by i.status`,
    );
    for (const status of ['open', 'in_progress', 'done', 'dropped']) expect(states[status]).toBeGreaterThan(0);
    const [overdue] = await rows<{ n: number }>(sql`
      select count(*)::int as n from action_items i join ${groups()} g on g.id = i.group_id
      where i.status in ('open', 'in_progress') and i.due_on < ${DEMO_TODAY}::date`);
    expect(Number(overdue!.n)).toBeGreaterThan(0);
    // Every closed item was closed at a later meeting of its own group.
    const [wrong] = await rows<{ n: number }>(sql`
      select count(*)::int as n from action_items i join ${groups()} g on g.id = i.group_id
      join meetings raised on raised.id = i.raised_meeting_id left join meetings closed on closed.id = i.closed_meeting_id
      where i.status in ('done', 'dropped') and (closed.id is null or closed.starts_at <= raised.starts_at or closed.group_id <> i.group_id)`);
    expect(Number(wrong!.n)).toBe(0);
  });

  it('has trainings in 2008–2010 that add up to Brå’s figures', async () => {
    const byOrganiser = await counts(sql`
      select t.organiser::text as k, sum(p.participants)::int as n
      from ${trainingsOf()} t join training_participants p on p.training_id = t.id
      where t.starts_on between '2008-01-01' and '2010-12-31' group by t.organiser`);
    expect(byOrganiser).toEqual(BRA_TRAINING_TOTALS);
    const total = Object.values(byOrganiser).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(15_000);
    expect(Math.max(...Object.values(byOrganiser))).toBe(byOrganiser.police);
    const [embassy] = await rows<{ n: number }>(sql`
      select coalesce(sum(p.participants), 0)::int as n from ${trainingsOf()} t join training_participants p on p.training_id = t.id
      where t.starts_on between '2008-01-01' and '2010-12-31' and p.audience = 'embassy_staff'`);
    expect(Number(embassy!.n)).toBe(BRA_EMBASSY_STAFF);
    const [later] = await rows<{ years: number }>(
      sql`select count(distinct extract(year from t.starts_on))::int as years from ${trainingsOf()} t where t.starts_on >= '2011-01-01'`,
    );
    expect(Number(later!.years)).toBe(16);
  });

  it('gives Stockholm a believable year 2026: meetings held and planned, open and overdue items, trainings', async () => {
    const [stockholm] = await rows<{ id: string }>(
      sql`select g.id from ${groups()} g where g.county_code = '01' and g.kind = 'county'`,
    );
    const meetings = await counts(sql`
      select case when m.starts_at > ${`${DEMO_TODAY}T23:59:59Z`}::timestamptz then 'planned' else 'held' end as k, count(*)::int as n
      from meetings m where m.group_id = ${stockholm!.id} and m.starts_at >= '2026-01-01' group by 1`);
    expect(meetings.held).toBe(6);
    expect(meetings.planned).toBe(2);
    const items = await counts(sql`
      select case when i.due_on < ${DEMO_TODAY}::date then 'overdue' else 'due_later' end as k, count(*)::int as n
      from action_items i where i.group_id = ${stockholm!.id} and i.status in ('open', 'in_progress') group by 1`);
    expect(items.overdue).toBeGreaterThan(0);
    expect(items.due_later).toBeGreaterThan(0);
    const [trainings] = await rows<{ n: number; participants: number; linked: number }>(sql`
      select count(*)::int as n, sum((select sum(p.participants) from training_participants p where p.training_id = t.id))::int as participants,
             count(*) filter (where t.group_id = ${stockholm!.id})::int as linked
      from ${trainingsOf()} t where t.county_code = '01' and t.starts_on >= '2026-01-01'`);
    expect(Number(trainings!.n)).toBeGreaterThanOrEqual(8);
    expect(Number(trainings!.participants)).toBeGreaterThan(300);
    expect(Number(trainings!.linked)).toBeGreaterThanOrEqual(5);
  });
});
