import 'server-only';
// Bulk insert of generated cases: one statement per batch writes the cases, their offences,
// parties and status events and takes the reference numbers from the per-county-year counters,
// so a batch is all or nothing and thousands of cases cost one round trip. The rows travel as
// JSON (one parameter per table), which PGlite and postgres.js pass the same way.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { caseStepOf } from '@/lib/justice';
import type { SynthCase } from './case';
import { rowsOf } from '@/db/rows';

export type InsertOptions = {
  createdBy: string | null;
  /** Row ids (cases, parties, events); default random (v4). timeOrderedIds() keeps the indexes append-only for volume. */
  newId?: () => string;
  /** Insert the single pipeline of before decision 012 and no person's steps (the migration's test). */
  legacy?: boolean;
};

export type InsertResult = { cases: number; offences: number; parties: number; events: number; steps: number };

/**
 * Ids that grow with each call (the layout of a UUIDv7: time, version 7, then a counter), so
 * that a million inserts append to the primary-key indexes instead of scattering over them.
 */
export function timeOrderedIds(now: number = Date.now()): () => string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomBytes(9).toString('hex');
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${(8 + (parseInt(random[3]!, 16) & 3)).toString(16)}${random.slice(4, 7)}-`;
  let counter = parseInt(random.slice(7, 17), 16); // < 2^40: room for far more than a billion ids
  return () => head + (counter++).toString(16).padStart(12, '0');
}

function timestampOf(date: string): string {
  return `${date}T12:00:00Z`;
}

/**
 * Insert the cases (in the given order, which should be report-date order: reference numbers
 * are handed out in it, continuing each county's and year's counter).
 */
export async function insertCases(
  db: Db | Tx,
  batch: readonly SynthCase[],
  options: InsertOptions,
): Promise<InsertResult> {
  if (batch.length === 0) return { cases: 0, offences: 0, parties: 0, events: 0, steps: 0 };
  const [counts] = rowsOf<InsertResult>(await db.execute(insertCasesQuery(batch, options)));
  if (!counts || counts.cases !== batch.length)
    throw new Error(`Inserted ${counts?.cases ?? 0} of ${batch.length} cases (unknown county?)`);
  return counts;
}

type BatchRows = {
  /** How many references each county and year needs. */
  wanted: { c: string; y: number; n: number }[];
  cases: unknown[];
  offences: unknown[];
  parties: unknown[];
  events: unknown[];
  steps: unknown[];
  stepOffences: unknown[];
};

/** The batch's rows, table by table; each case numbered within its county and year. */
function batchRows(batch: readonly SynthCase[], newId: () => string, legacy: boolean): BatchRows {
  const perCountyYear = new Map<string, { c: string; y: number; n: number }>();
  const cases: unknown[] = [];
  const offences: unknown[] = [];
  const parties: unknown[] = [];
  const events: unknown[] = [];
  const steps: unknown[] = [];
  const stepOffences: unknown[] = [];
  for (const c of batch) {
    const caseEvents = legacy ? c.pipeline : c.events;
    const last = legacy ? caseStepOf(c.pipeline) : { status: c.status, occurredOn: c.statusOn };
    const id = newId();
    const y = Number(c.reportedOn.slice(0, 4));
    const key = `${c.countyCode}-${y}`;
    let counter = perCountyYear.get(key);
    if (!counter) perCountyYear.set(key, (counter = { c: c.countyCode, y, n: 0 }));
    counter.n += 1;
    cases.push({
      i: id,
      c: c.countyCode,
      y,
      s: counter.n,
      d: c.reportedOn,
      b: c.reportingBody,
      p: c.policeReportNumber,
      a: c.arena,
      o: c.onlinePlatform,
      x: c.crossBorder,
      e: c.crimeEstablished,
      g: c.coercionDegree,
      m: c.controlMethods,
      n: c.notes,
      st: last.status,
      so: last.occurredOn,
      ca: c.createdAt,
      ua: last.occurredOn === c.reportedOn ? c.createdAt : timestampOf(last.occurredOn),
    });
    for (const offence of c.offences) offences.push({ i: id, o: offence });
    c.parties.forEach((p, index) => {
      const partyId = newId();
      parties.push({
        id: partyId,
        i: id,
        q: index + 1,
        r: p.role,
        s: p.sex,
        a: p.ageBand,
        o: p.originRegion,
        c: p.citizenship,
        p: p.plaintiffStatus,
        m: p.residencePermit,
        u: p.support,
        k: p.perpetratorRole,
      });
      if (legacy) return;
      for (const st of c.personSteps[index] ?? []) {
        const stepId = newId();
        steps.push({
          id: stepId,
          i: id,
          p: partyId,
          s: st.step,
          d: st.occurredOn,
          x: st.sanction,
          b: st.prisonBand,
          t: timestampOf(st.occurredOn),
        });
        for (const o of st.offences) stepOffences.push({ s: stepId, o });
      }
    });
    for (const e of caseEvents)
      events.push({ id: newId(), i: id, s: e.status, d: e.occurredOn, n: e.note, t: timestampOf(e.occurredOn) });
  }
  return { wanted: [...perCountyYear.values()], cases, offences, parties, events, steps, stepOffences };
}

/** The one statement that inserts a batch and returns { cases, offences, parties, events, steps }. */
function insertCasesQuery(batch: readonly SynthCase[], options: InsertOptions): SQL {
  const { wanted, cases, offences, parties, events, steps, stepOffences } = batchRows(
    batch,
    options.newId ?? randomUUID,
    options.legacy ?? false,
  );
  const by = options.createdBy;
  // Data-modifying CTEs all run, once, whatever the final SELECT reads; the foreign keys are
  // checked at the end of the statement, when the cases are there.
  return sql`
    with wanted as (
      select * from json_to_recordset(${JSON.stringify(wanted)}::text::json) as w(c text, y int, n int)
    ),
    reserved as (
      insert into case_reference_counters (county_code, year, last_number)
      select c, y, n from wanted
      on conflict (county_code, year) do update set last_number = case_reference_counters.last_number + excluded.last_number
      returning county_code, year, last_number
    ),
    base as (
      select r.county_code, r.year, r.last_number - w.n as base, k.letter
      from reserved r
      join wanted w on w.c = r.county_code and w.y = r.year
      join counties k on k.code = r.county_code
    ),
    new_cases as (
      insert into cases (id, reference, county_code, reported_on, reporting_body, police_report_number, arena, online_platform,
        cross_border, crime_established, coercion_degree, control_methods, notes, status, status_on, created_by, created_at,
        updated_by, updated_at)
      select r.i, b.letter || '-' || r.y || '-' || lpad((b.base + r.s)::text, greatest(4, length((b.base + r.s)::text)), '0'),
        r.c, r.d, r.b, r.p, r.a, r.o, r.x, r.e, r.g, r.m, r.n, r.st, r.so, ${by}::uuid, r.ca, ${by}::uuid, r.ua
      from json_to_recordset(${JSON.stringify(cases)}::text::json) as r(i uuid, c text, y int, s int, d date, b reporting_body,
        p text, a arena, o yes_no_unknown, x yes_no_unknown, e crime_established, g coercion_degree, m control_method[], n text,
        st case_status, so date, ca timestamptz, ua timestamptz)
      join base b on b.county_code = r.c and b.year = r.y
      returning 1
    ),
    new_offences as (
      insert into case_offences (case_id, offence)
      select r.i, r.o from json_to_recordset(${JSON.stringify(offences)}::text::json) as r(i uuid, o offence)
      returning 1
    ),
    new_parties as (
      insert into case_parties (id, case_id, position, role, sex, age_band, origin_region, citizenship, plaintiff_status,
        residence_permit, support, perpetrator_role)
      select r.id, r.i, r.q, r.r, r.s, r.a, r.o, r.c, r.p, r.m, r.u, r.k
      from json_to_recordset(${JSON.stringify(parties)}::text::json) as r(id uuid, i uuid, q smallint, r party_role, s sex, a age_band,
        o origin_region, c char(2), p yes_no_unknown, m residence_permit, u support_measure[], k perpetrator_role)
      returning 1
    ),
    new_events as (
      insert into case_status_events (id, case_id, status, occurred_on, note, recorded_by, recorded_at)
      select r.id, r.i, r.s, r.d, r.n, ${by}::uuid, r.t
      from json_to_recordset(${JSON.stringify(events)}::text::json) as r(id uuid, i uuid, s case_status, d date, n text, t timestamptz)
      returning 1
    ),
    -- Each person's steps: the trigger of 0011 checks the paths and finds the events already derived.
    new_steps as (
      insert into perpetrator_steps (id, case_id, party_id, step, occurred_on, sanction, prison_band, recorded_by, recorded_at)
      select r.id, r.i, r.p, r.s, r.d, r.x, r.b, ${by}::uuid, r.t
      from json_to_recordset(${JSON.stringify(steps)}::text::json) as r(id uuid, i uuid, p uuid, s justice_step, d date,
        x sanction, b prison_band, t timestamptz)
      returning 1
    ),
    new_step_offences as (
      insert into perpetrator_step_offences (step_id, offence)
      select r.s, r.o from json_to_recordset(${JSON.stringify(stepOffences)}::text::json) as r(s uuid, o offence)
      returning 1
    )
    select (select count(*) from new_cases)::int as cases, (select count(*) from new_offences)::int as offences,
      (select count(*) from new_parties)::int as parties, (select count(*) from new_events)::int as events,
      (select count(*) + 0 * (select count(*) from new_step_offences) from new_steps)::int as steps
  `;
}
