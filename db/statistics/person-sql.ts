// The SQL that keeps the person rollups current (decision 014), made from the lists in
// measures.ts. Its output is the custom migration drizzle/*_person_figures_triggers.sql;
// person-sql.test.ts fails when the two differ: then write a new custom migration with
// `npm run stats:sql -- persons` (idempotent; it rebuilds the person rollups from the rows).
//
// Two halves, so that concurrent writers in one county never deadlock on the rollups:
//  1. Every statement that touches a case's perpetrators, their steps, the case's offences or the
//     case itself recomputes the facts of the touched cases (stat_person_facts: one row per
//     person and status) and writes the difference, summed per rollup key, to stat_person_pending
//     under its own transaction id. Facts belong to one case, and the case row is locked first
//     (as stat_refresh_cases does), so no two transactions write the same facts.
//  2. At commit a deferred trigger applies the transaction's pending sums to the day, month and
//     year rollups in one statement each, in that table order and in key order: every writer
//     takes the rollups' row locks in the same global order, and holds none of them before.
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
  delete from stat_person_facts where case_id = any(ids);
  insert into stat_person_facts (${FACT_COLUMNS.join(', ')}) select ${FACT_COLUMNS.join(', ')} from ${facts};
end
$fn$`;
}

/** At commit: the transaction's pending sums into the rollups, table by table, in key order. */
function applyFunctionSql(): string {
  const names = PERSON_COLUMNS.join(', ');
  const upserts = PERIODS.map(
    (p) => `  insert into ${p.table} as t (${KEY(p.column)}, ${names})
  select county_code, ${p.of('day')}, status, offence_mask, ${PERSON_COLUMNS.map((c) => `sum(${c})`).join(', ')}
  from stat_person_pending where tx = me group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (${KEY(p.column)}) do update set ${PERSON_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};`,
  ).join('\n');
  // The rows this transaction emptied (it holds their locks already).
  const cleanups = PERIODS.map(
    (
      p,
    ) => `  delete from ${p.table} t using (select distinct county_code, ${p.of('day')} as k, status, offence_mask from stat_person_pending where tx = me) k
  where t.county_code = k.county_code and t.${p.column} = k.k and t.status = k.status and t.offence_mask = k.offence_mask and t.persons = 0;`,
  ).join('\n');
  return `create or replace function stat_person_apply() returns trigger language plpgsql as $fn$
declare
  me bigint := txid_current();
begin
  -- The first of the transaction's pending rows does the work; the others find nothing left.
  if not exists (select 1 from stat_person_pending where tx = me) then return null; end if;
${upserts}
${cleanups}
  delete from stat_person_pending where tx = me;
  return null;
end
$fn$`;
}

function triggerFunctionsSql(): string[] {
  return [
    `create or replace function stat_person_cases_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    perform stat_person_refresh(array(select id from new_rows), false);
  elsif tg_op = 'UPDATE' then
    -- Only what the facts are made of: the county, the report day, deletion and restoration.
    perform stat_person_refresh(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.county_code, n.reported_on, n.deleted_at is null) is distinct from (o.county_code, o.reported_on, o.deleted_at is null)));
  else
    perform stat_person_refresh(array(select id from old_rows));
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_person_children_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    perform stat_person_refresh(array(select distinct case_id from new_rows));
  elsif tg_op = 'UPDATE' then
    perform stat_person_refresh(array(select case_id from new_rows union select case_id from old_rows));
  else
    perform stat_person_refresh(array(select distinct case_id from old_rows));
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_person_step_offences_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    perform stat_person_refresh(array(select distinct s.case_id from new_rows n join perpetrator_steps s on s.id = n.step_id));
  elsif tg_op = 'UPDATE' then
    perform stat_person_refresh(array(select s.case_id from perpetrator_steps s where s.id in (select step_id from new_rows union select step_id from old_rows)));
  else
    -- A step deleted with its offences is gone already: its own trigger refreshes the case.
    perform stat_person_refresh(array(select distinct s.case_id from old_rows o join perpetrator_steps s on s.id = o.step_id));
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_person_reset() returns trigger language plpgsql as $fn$
begin
  truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_pending;
  return null;
end
$fn$`,
  ];
}

function triggersSql(): string[] {
  const out: string[] = [];
  for (const [table, fn] of [
    ['cases', 'stat_person_cases_changed'],
    ['case_offences', 'stat_person_children_changed'],
    ['case_parties', 'stat_person_children_changed'],
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
  out.push(`drop trigger if exists stat_person_pending_apply on stat_person_pending`);
  out.push(
    `create constraint trigger stat_person_pending_apply after insert on stat_person_pending deferrable initially deferred for each row execute function stat_person_apply()`,
  );
  return out;
}

/** Rebuild from the rows: what the triggers would have made had they always been there. */
function rebuildSql(): string[] {
  const names = PERSON_COLUMNS.join(', ');
  return [
    `truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_pending`,
    `insert into stat_person_facts (${FACT_COLUMNS.join(', ')})\nselect ${FACT_COLUMNS.map((c) => `x.${c}`).join(', ')} from (\n  ${factsSelectSql(() => 'true')}\n) x`,
    ...PERIODS.map(
      (p) => `insert into ${p.table} (${KEY(p.column)}, ${names})
select f.county_code, ${p.of('f.occurred_on')}, f.status, f.offence_mask, ${personSumsSql('1')
        .split(', ')
        .map((c) => `sum(${c.slice(0, c.lastIndexOf(' as '))})`)
        .join(', ')}
from stat_person_facts f group by 1, 2, 3, 4`,
    ),
    `analyze stat_person_facts`,
    ...PERIODS.map((p) => `analyze ${p.table}`),
  ];
}

/** The custom migration: functions, triggers, and a rebuild of the person rollups from the rows. */
export function personTriggersSql(): string {
  const statements = [
    refreshFunctionSql(),
    applyFunctionSql(),
    ...triggerFunctionsSql(),
    ...triggersSql(),
    ...rebuildSql(),
  ];
  return `${statements.join(';\n--> statement-breakpoint\n')};\n`;
}
