// The SQL that keeps the person rollups current (decision 014), made from the lists in
// measures.ts. Its output is the custom migration drizzle/*_person_figures_triggers.sql;
// person-sql.test.ts fails when the two differ: then write a new custom migration with
// `npm run stats:sql -- persons` (idempotent; it rebuilds the person rollups from the rows).
//
// Applied at commit, so that concurrent writers in one county never deadlock (decisions 014, 016):
//  1. Every statement on the perpetrators' steps and their offences records its cases in
//     stat_case_pending (the triggers of rollup-sql.ts do so for cases, offences and parties).
//  2. At commit rollup-sql.ts's deferred stat_apply_pending locks those cases' rows in id order and
//     calls stat_person_refresh, which recomputes their facts (stat_person_facts: one row per
//     person and status) and writes the difference, summed per rollup key, to stat_person_pending;
//     then stat_person_apply_pending adds those sums to the day, month and year rollups in one
//     statement each, in that table order and in key order — before the case rollups (the median
//     histogram of the persons, decision 018, first of all, in stat_person_refresh). Every
//     writer takes the rollups' row locks in that one global order, and holds none before commit.
import { SEXES } from '../../lib/enums';
import { PERSON_COLUMNS } from './measures';

const OFFENCE_BIT = (alias: string) => `(1 << (array_position(enum_range(null::offence), ${alias}.offence) - 1))`;

const FACT_COLUMNS = [
  'party_id',
  'status',
  'case_id',
  'county_code',
  'occurred_on',
  'offence_mask',
  'sex',
  'days',
] as const;

/**
 * The facts of the perpetrators of the live cases matching `where` (on cases c), `ids` or all:
 * suspected on the report day with the case's offences; each step on its day with the offences
 * it names (the case's when it names none), and the days from the person's step before.
 */
function factsSelectSql(filter: (column: string) => string): string {
  return `with c as (
    select c.id, c.county_code, c.reported_on from cases c where c.deleted_at is null and ${filter('c.id')}
  ), co as (
    select o.case_id, bit_or(${OFFENCE_BIT('o')}) as mask from case_offences o where ${filter('o.case_id')} group by o.case_id
  ), p as (
    select p.id, p.case_id, p.sex from case_parties p where p.role = 'perpetrator' and ${filter('p.case_id')}
  ), s as (
    select s.id, s.party_id, s.step, s.occurred_on from perpetrator_steps s where ${filter('s.case_id')}
  ), so as (
    select so.step_id, bit_or(${OFFENCE_BIT('so')}) as mask
    from perpetrator_step_offences so join s on s.id = so.step_id group by so.step_id
  ), prior_steps as (
    select s.party_id,
      min(s.occurred_on) filter (where s.step = 'prosecuted') as prosecuted_on,
      min(s.occurred_on) filter (where s.step in ('convicted', 'acquitted')) as judged_on
    from s group by s.party_id
  )
  select p.id as party_id, 'suspected'::person_status as status, c.id as case_id, c.county_code,
    c.reported_on as occurred_on, coalesce(co.mask, 0)::smallint as offence_mask, p.sex, null::int as days
  from c join p on p.case_id = c.id left join co on co.case_id = c.id
  union all
  select p.id, s.step::text::person_status, c.id, c.county_code, s.occurred_on,
    coalesce(so.mask, co.mask, 0)::smallint, p.sex,
    s.occurred_on - case
      when s.step in ('convicted', 'acquitted') then coalesce(b.prosecuted_on, c.reported_on)
      when s.step in ('convicted_on_appeal', 'acquitted_on_appeal') then coalesce(b.judged_on, b.prosecuted_on, c.reported_on)
      else c.reported_on end
  from c join p on p.case_id = c.id join s on s.party_id = p.id
    left join so on so.step_id = s.id left join co on co.case_id = c.id left join prior_steps b on b.party_id = p.id`;
}

/** The pending sums of the facts rows f, times `sign`, as the person columns. */
function personSumsSql(sign: string): string {
  return [`${sign} as persons`, ...SEXES.map((x) => `${sign} * (f.sex = '${x}')::int as sex_${x}`)].join(', ');
}

const PERIODS = [
  { table: 'stat_person_days', column: 'day', of: (d: string) => d },
  { table: 'stat_person_months', column: 'month', of: (d: string) => `date_trunc('month', ${d})::date` },
  { table: 'stat_person_years', column: 'year', of: (d: string) => `date_trunc('year', ${d})::date` },
] as const;

const KEY = (column: string) => `county_code, ${column}, status, offence_mask`;

function refreshFunctionSql(): string {
  const facts = 'jsonb_populate_recordset(null::stat_person_facts, fresh)';
  const names = PERSON_COLUMNS.join(', ');
  return `-- Made by db/statistics/person-sql.ts (npm run stats:sql -- persons); do not edit by hand. Decision 014.
create or replace function stat_person_refresh(ids uuid[], lock_cases boolean default true) returns void
language plpgsql set plan_cache_mode = force_custom_plan as $fn$
declare
  fresh jsonb;
  emptied jsonb;
  key record;
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  if lock_cases then
    perform 1 from cases where id = any(ids) order by id for no key update;
  end if;
  select coalesce(jsonb_agg(to_jsonb(x) order by x.party_id, x.status), '[]'::jsonb) into fresh from (
  ${factsSelectSql((col) => `${col} = any(ids)`)}
  ) x;
  if fresh = (select coalesce(jsonb_agg(to_jsonb(f) order by f.party_id, f.status), '[]'::jsonb)
              from (select ${FACT_COLUMNS.join(', ')} from stat_person_facts where case_id = any(ids)) f) then
    return;
  end if;
  insert into stat_person_pending (tx, ${KEY('day')}, ${names})
  select txid_current(), f.county_code, f.occurred_on, f.status, f.offence_mask, ${PERSON_COLUMNS.map((c) => `sum(f.${c})`).join(', ')}
  from (
    select f.county_code, f.occurred_on, f.status, f.offence_mask, ${personSumsSql('-1')}
    from stat_person_facts f where f.case_id = any(ids)
    union all
    select f.county_code, f.occurred_on, f.status, f.offence_mask, ${personSumsSql('1')}
    from ${facts} f
  ) f
  group by 2, 3, 4, 5
  having ${PERSON_COLUMNS.map((c) => `sum(f.${c}) <> 0`).join(' or ')};
  -- The median histogram (decision 018), in key order: before the person rollups in every transaction.
  with up as (
    insert into stat_person_step_years as t (county_code, year, status, days, persons)
    select county_code, date_trunc('year', occurred_on)::date, status, days, sum(n)
    from (
      select f.county_code, f.occurred_on, f.status, f.days, -1 as n from stat_person_facts f where f.case_id = any(ids) and f.days is not null
      union all
      select f.county_code, f.occurred_on, f.status, f.days, 1 from ${facts} f where f.days is not null
    ) d
    group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
    on conflict (county_code, year, status, days) do update set persons = t.persons + excluded.persons
    returning t.county_code, t.year, t.status, t.days, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'year', year, 'status', status, 'days', days)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), year date, status person_status, days int) loop
    delete from stat_person_step_years where county_code = key.county_code and year = key.year and status = key.status and days = key.days and persons = 0;
  end loop;
  delete from stat_person_facts where case_id = any(ids);
  insert into stat_person_facts (${FACT_COLUMNS.join(', ')}) select ${FACT_COLUMNS.join(', ')} from ${facts};
end
$fn$`;
}

/** At commit: the transaction's pending sums into the rollups, table by table, in key order. */
function applyFunctionSql(): string {
  const names = PERSON_COLUMNS.join(', ');
  // Each upsert returns the rows it emptied (this transaction holds their locks already); they are
  // deleted one by one by their key. A join with the pending keys was planned from the pending
  // table's statistics, taken during a bulk load, as a sequential scan of the whole rollup table.
  const upserts = PERIODS.map(
    (p) => `  with up as (
    insert into ${p.table} as t (${KEY(p.column)}, ${names})
    select county_code, ${p.of('day')}, status, offence_mask, ${PERSON_COLUMNS.map((c) => `sum(${c})`).join(', ')}
    from stat_person_pending where tx = me group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (${KEY(p.column)}) do update set ${PERSON_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}
    returning t.county_code, t.${p.column} as k, t.status, t.offence_mask, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'k', k, 'status', status, 'offence_mask', offence_mask)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), k date, status person_status, offence_mask smallint) loop
    delete from ${p.table} where county_code = key.county_code and ${p.column} = key.k and status = key.status and offence_mask = key.offence_mask and persons = 0;
  end loop;`,
  ).join('\n');
  return `drop trigger if exists stat_person_pending_apply on stat_person_pending;
--> statement-breakpoint
drop function if exists stat_person_apply();
--> statement-breakpoint
create or replace function stat_person_apply_pending() returns void language plpgsql as $fn$
declare
  me bigint := txid_current();
  emptied jsonb;
  key record;
begin
  if not exists (select 1 from stat_person_pending where tx = me) then return; end if;
${upserts}
  delete from stat_person_pending where tx = me;
end
$fn$`;
}

function triggerFunctionsSql(): string[] {
  const record = (ids: string) =>
    `insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (${ids}) x where x.case_id is not null on conflict do nothing`;
  return [
    `drop function if exists stat_person_cases_changed()`,
    `create or replace function stat_person_children_changed() returns trigger language plpgsql as $fn$
begin
  -- Only which cases: their facts and the rollups are brought up to date at commit.
  if tg_op = 'INSERT' then
    ${record('select case_id from new_rows')};
  elsif tg_op = 'UPDATE' then
    ${record('select case_id from new_rows union select case_id from old_rows')};
  else
    ${record('select case_id from old_rows')};
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_person_step_offences_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${record('select s.case_id from new_rows n join perpetrator_steps s on s.id = n.step_id')};
  elsif tg_op = 'UPDATE' then
    ${record('select s.case_id from perpetrator_steps s where s.id in (select step_id from new_rows union select step_id from old_rows)')};
  else
    -- A step deleted with its offences is gone already: its own trigger records the case.
    ${record('select s.case_id from old_rows o join perpetrator_steps s on s.id = o.step_id')};
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_person_reset() returns trigger language plpgsql as $fn$
begin
  truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_step_years, stat_person_pending;
  return null;
end
$fn$`,
  ];
}

function triggersSql(): string[] {
  const out: string[] = [];
  // Cases, their offences and parties: rollup-sql.ts's triggers record those cases for both.
  for (const table of ['cases', 'case_offences', 'case_parties'])
    for (const event of ['insert', 'update', 'delete'])
      out.push(`drop trigger if exists stat_person_${table}_${event} on ${table}`);
  for (const [table, fn] of [
    ['perpetrator_steps', 'stat_person_children_changed'],
    ['perpetrator_step_offences', 'stat_person_step_offences_changed'],
  ] as const) {
    for (const [event, transition] of [
      ['insert', 'referencing new table as new_rows'],
      ['update', 'referencing old table as old_rows new table as new_rows'],
      ['delete', 'referencing old table as old_rows'],
    ] as const) {
      out.push(`drop trigger if exists stat_person_${table}_${event} on ${table}`);
      out.push(
        `create trigger stat_person_${table}_${event} after ${event} on ${table} ${transition} for each statement execute function ${fn}()`,
      );
    }
  }
  out.push(`drop trigger if exists stat_person_cases_truncate on cases`);
  out.push(
    `create trigger stat_person_cases_truncate after truncate on cases for each statement execute function stat_person_reset()`,
  );
  return out;
}

/** Rebuild from the rows: what the triggers would have made had they always been there. */
function rebuildSql(): string[] {
  const names = PERSON_COLUMNS.join(', ');
  return [
    `truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_step_years, stat_person_pending`,
    `insert into stat_person_facts (${FACT_COLUMNS.join(', ')})\nselect ${FACT_COLUMNS.map((c) => `x.${c}`).join(', ')} from (\n  ${factsSelectSql(() => 'true')}\n) x`,
    ...PERIODS.map(
      (p) => `insert into ${p.table} (${KEY(p.column)}, ${names})
select f.county_code, ${p.of('f.occurred_on')}, f.status, f.offence_mask, ${personSumsSql('1')
        .split(', ')
        .map((c) => `sum(${c.slice(0, c.lastIndexOf(' as '))})`)
        .join(', ')}
from stat_person_facts f group by 1, 2, 3, 4`,
    ),
    `insert into stat_person_step_years (county_code, year, status, days, persons)
select f.county_code, date_trunc('year', f.occurred_on)::date, f.status, f.days, count(*)
from stat_person_facts f where f.days is not null group by 1, 2, 3, 4`,
    `analyze stat_person_facts`,
    ...PERIODS.map((p) => `analyze ${p.table}`),
    `analyze stat_person_step_years`,
  ];
}

/** The custom migration: functions, triggers, and a rebuild of the person rollups from the rows. */
export function personTriggersSql(): string {
  // The triggers go first: the old ones call the functions this replaces or drops.
  const statements = [
    ...triggersSql(),
    refreshFunctionSql(),
    applyFunctionSql(),
    ...triggerFunctionsSql(),
    ...rebuildSql(),
  ];
  return `${statements.join(';\n--> statement-breakpoint\n')};\n`;
}
