import 'server-only';
// The demo's coordination plan into the database in one statement: the rows travel as JSON (one
// parameter per table), and data-modifying CTEs insert them all at once.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { dayOf, isoOf } from '@/db/synth/dates';
import { DEMO_TODAY } from '@/db/synth/profiles';
import type { CoordinationPlan } from './plan';
import { rowsOf } from '@/db/rows';

export type CoordinationSeedResult = {
  groups: number;
  members: number;
  meetings: number;
  attendance: number;
  items: number;
  trainings: number;
  participants: number;
};

type Id = (key: string) => string;

/** Registered at noon (Swedish time in winter) on the day. */
const noon = (date: string) => `${date}T11:00:00Z`;

function groupRows(plan: CoordinationPlan, id: Id) {
  return {
    groups: plan.groups.map((g) => ({
      i: id(g.key),
      n: g.name,
      c: g.countyCode,
      k: g.kind,
      d: g.description,
      f: g.activeFrom,
      t: g.activeTo,
      at: noon(g.activeFrom),
    })),
    groupCounties: plan.groups.flatMap((g) => g.participating.map((c) => ({ g: id(g.key), c }))),
    members: plan.groups.flatMap((g) =>
      g.members.map((m, position) => ({ i: id(m.key), g: id(g.key), p: position, t: m.type, n: m.name, f: m.fn })),
    ),
  };
}

function meetingRows(plan: CoordinationPlan, id: Id) {
  return {
    meetings: plan.meetings.map((m) => ({
      i: id(m.key),
      g: id(m.groupKey),
      s: m.startsAt,
      e: m.endsAt,
      f: m.format,
      p: m.place,
      o: m.otherGuests,
      a: m.agenda,
      m: m.minutes,
      d: m.decisions,
      // Planned meetings were registered some weeks before the demo's today; held ones on their day.
      at: m.startsAt > `${DEMO_TODAY}T23:59:59Z` ? noon(isoOf(dayOf(DEMO_TODAY) - 20)) : m.endsAt,
    })),
    attendance: plan.meetings.flatMap((m) => m.attendees.map((a) => ({ m: id(m.key), g: id(m.groupKey), p: id(a) }))),
    items: plan.items.map((it) => ({
      i: id(it.key),
      g: id(it.groupKey),
      m: id(it.raisedKey),
      p: it.position,
      d: it.description,
      r: id(it.responsibleKey),
      u: it.dueOn,
      s: it.status,
      cm: it.closedKey ? id(it.closedKey) : null,
      co: it.closedOn,
      v: it.status === 'open' ? 1 : 2,
      at: noon(it.raisedOn),
      ut: noon(it.closedOn ?? it.raisedOn),
    })),
  };
}

function trainingRows(plan: CoordinationPlan, id: Id) {
  return {
    trainings: plan.trainings.map((t, n) => ({
      i: id(`t${n}`),
      c: t.countyCode,
      o: t.organiser,
      t: t.title,
      s: t.startsOn,
      e: t.endsOn,
      f: t.format,
      h: t.hours,
      th: t.themes,
      ev: t.evaluation,
      g: t.groupKey ? id(t.groupKey) : null,
      d: t.description,
      at: noon(t.endsOn),
    })),
    participants: plan.trainings.flatMap((t, n) =>
      t.participants.map(([a, count]) => ({ t: id(`t${n}`), a, n: count })),
    ),
  };
}

/** The plan's rows, table by table, each plan key given one new uuid. */
function planRows(plan: CoordinationPlan) {
  const ids = new Map<string, string>();
  const id: Id = (key) => {
    let value = ids.get(key);
    if (!value) ids.set(key, (value = randomUUID()));
    return value;
  };
  return { ...groupRows(plan, id), ...meetingRows(plan, id), ...trainingRows(plan, id) };
}

/** Insert the whole plan in the name of `createdBy`; returns what was inserted. */
export async function insertCoordinationPlan(
  tx: Tx,
  plan: CoordinationPlan,
  createdBy: string | null,
): Promise<CoordinationSeedResult> {
  const rows = planRows(plan);
  const json = (list: unknown[]) => sql`${JSON.stringify(list)}::text::json`;
  const by = createdBy;
  // Data-modifying CTEs all run once; foreign keys are checked at the end of the statement.
  const [counts] = rowsOf<CoordinationSeedResult>(
    await tx.execute(sql`
      with new_groups as (
        insert into coordination_groups (id, name, county_code, kind, description, active_from, active_to, created_by, created_at, updated_by, updated_at)
        select r.i, r.n, r.c, r.k, r.d, r.f, r.t, ${by}::uuid, r.at, ${by}::uuid, r.at
        from json_to_recordset(${json(rows.groups)}) as r(i uuid, n text, c text, k group_kind, d text, f date, t date, at timestamptz)
        returning 1
      ),
      new_group_counties as (
        insert into group_counties (group_id, county_code)
        select r.g, r.c from json_to_recordset(${json(rows.groupCounties)}) as r(g uuid, c text)
        returning 1
      ),
      new_members as (
        insert into group_members (id, group_id, position, organisation_type, organisation_name, contact_function)
        select r.i, r.g, r.p, r.t, r.n, r.f from json_to_recordset(${json(rows.members)}) as r(i uuid, g uuid, p smallint, t reporting_body, n text, f text)
        returning 1
      ),
      new_meetings as (
        insert into meetings (id, group_id, starts_at, ends_at, format, place, other_guests, agenda, minutes, decisions, created_by, created_at, updated_by, updated_at)
        select r.i, r.g, r.s, r.e, r.f, r.p, r.o, r.a, r.m, r.d, ${by}::uuid, r.at, ${by}::uuid, r.at
        from json_to_recordset(${json(rows.meetings)}) as r(i uuid, g uuid, s timestamptz, e timestamptz, f event_format, p text, o int, a text, m text, d text, at timestamptz)
        returning 1
      ),
      new_attendance as (
        insert into meeting_attendance (meeting_id, group_id, member_id)
        select r.m, r.g, r.p from json_to_recordset(${json(rows.attendance)}) as r(m uuid, g uuid, p uuid)
        returning 1
      ),
      new_items as (
        insert into action_items (id, group_id, raised_meeting_id, position, description, responsible_member_id, due_on, status, closed_meeting_id, closed_on, version, created_by, created_at, updated_by, updated_at)
        select r.i, r.g, r.m, r.p, r.d, r.r, r.u, r.s, r.cm, r.co, r.v, ${by}::uuid, r.at, ${by}::uuid, r.ut
        from json_to_recordset(${json(rows.items)}) as r(i uuid, g uuid, m uuid, p smallint, d text, r uuid, u date, s action_item_status, cm uuid, co date, v int, at timestamptz, ut timestamptz)
        returning 1
      ),
      new_trainings as (
        insert into trainings (id, county_code, organiser, title, starts_on, ends_on, format, hours, themes, evaluation, group_id, description, created_by, created_at, updated_by, updated_at)
        select r.i, r.c, r.o, r.t, r.s, r.e, r.f, r.h, r.th, r.ev, r.g, r.d, ${by}::uuid, r.at, ${by}::uuid, r.at
        from json_to_recordset(${json(rows.trainings)}) as r(i uuid, c text, o training_organiser, t text, s date, e date, f event_format, h numeric, th training_theme[], ev numeric, g uuid, d text, at timestamptz)
        returning 1
      ),
      new_participants as (
        insert into training_participants (training_id, audience, participants)
        select r.t, r.a, r.n from json_to_recordset(${json(rows.participants)}) as r(t uuid, a training_audience, n int)
        returning 1
      )
      select (select count(*) from new_groups)::int as groups, (select count(*) from new_members)::int as members,
        (select count(*) from new_meetings)::int as meetings, (select count(*) from new_attendance)::int as attendance,
        (select count(*) from new_items)::int as items, (select count(*) from new_trainings)::int as trainings,
        (select count(*) from new_participants)::int as participants, (select count(*) from new_group_counties)::int as group_counties
    `),
  );
  return {
    groups: Number(counts!.groups),
    members: Number(counts!.members),
    meetings: Number(counts!.meetings),
    attendance: Number(counts!.attendance),
    items: Number(counts!.items),
    trainings: Number(counts!.trainings),
    participants: Number(counts!.participants),
  };
}
