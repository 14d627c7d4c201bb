// The SQL that keeps the rollups current (decision 005), made from the lists in measures.ts so
// that it always names every column. Its output is the custom migration
// drizzle/*_statistics_triggers.sql; rollup-sql.test.ts fails when the two differ (a category was
// added): then write a new custom migration with `npm run stats:sql` (the SQL is idempotent and
// rebuilds the rollups from the rows).
//
// Two halves, so that concurrent writers in one county never deadlock (decision 016):
//  1. Every statement on cases, case_offences, case_parties and case_status_events (and, from
//     person-sql.ts, on the perpetrators' steps) only records the cases it touched in
//     stat_case_pending under its transaction id.
//  2. At commit one deferred trigger (stat_apply_pending) takes the touched cases' rows in id
//     order, recomputes their person facts and applies those sums (person-sql.ts), then their case
//     facts and these sums: days, months, years, then the median histogram, each in key order. Every writer takes the row
//     locks in that one global order, and holds no rollup row before its commit.
import { OFFENCES } from '../../lib/enums';
import {
  AGE_GROUPS,
  CASE_DIMENSIONS,
  CHILD_AGE_BANDS,
  CITIZENSHIP_BY_ORIGIN,
  CITIZENSHIP_GROUPS,
  FUNNEL_STEPS,
  OTHER_EU_COUNTRIES,
  PARTY_COLUMNS,
  PARTY_DIMENSIONS,
  ROLLUP_COLUMNS,
} from './measures';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

function citizenshipGroupSql(p: string): string {
  const byOrigin = Object.entries(CITIZENSHIP_BY_ORIGIN).reduce<Record<string, string[]>>((acc, [origin, group]) => {
    (acc[group!] ??= []).push(origin);
    return acc;
  }, {});
  const originCases = Object.entries(byOrigin)
    .map(([group, origins]) => `when ${p}.origin_region in (${list(origins)}) then '${group}'`)
    .join(' ');
  return `(case when ${p}.citizenship = 'SE' then 'swedish' when ${p}.citizenship in (${list(OTHER_EU_COUNTRIES)}) then 'other_eu' when ${p}.citizenship is not null then 'non_eu' ${originCases} else 'unknown' end)`;
}

function ageGroupSql(p: string): string {
  return `(case when ${p}.age_band in (${list(CHILD_AGE_BANDS)}) then 'child' when ${p}.age_band = 'unknown' then 'unknown' else 'adult' end)`;
}

/** count(*) filter (…) per party column, over the party categories computed once (q). */
function partyCountsSql(): string[] {
  const out: string[] = [];
  const role = { v: 'victim', p: 'perpetrator' } as const;
  for (const r of ['v', 'p'] as const) {
    for (const [dim, d] of Object.entries(PARTY_DIMENSIONS)) {
      for (const value of d.values)
        out.push(
          `count(*) filter (where q.role = '${role[r]}' and q.${d.column} = '${value}')::smallint as ${r}_${dim}_${value}`,
        );
    }
    if (r === 'v') {
      for (const c of CITIZENSHIP_GROUPS) {
        for (const a of AGE_GROUPS)
          out.push(
            `count(*) filter (where q.role = 'victim' and q.cit = '${c}' and q.agegroup = '${a}')::smallint as v_cit_${c}_${a}`,
          );
      }
    }
  }
  const names = out.map((x) => x.slice(x.lastIndexOf(' as ') + 4));
  if (names.join() !== PARTY_COLUMNS.join()) throw new Error('party columns out of step with measures.ts');
  return out;
}

/** Each party's categories, the citizenship and age groups worked out once per party. */
function partyRowsSql(where: string): string {
  return `select p.case_id, p.role, p.sex, p.age_band, p.origin_region, ${citizenshipGroupSql('p')} as cit, ${ageGroupSql('p')} as agegroup from case_parties p where ${where}`;
}

const OFFENCE_BIT = `(1 << (array_position(enum_range(null::offence), o.offence) - 1))`;

const STEP_DAYS = {
  investigation: `(inv.occurred_on - c.reported_on)`,
  prosecuted: `(pro.occurred_on - coalesce(inv.occurred_on, c.reported_on))`,
  convicted: `(con.occurred_on - coalesce(pro.occurred_on, inv.occurred_on, c.reported_on))`,
} as const;

const STEP_COLUMN = {
  investigation: 'investigation_days',
  prosecuted: 'prosecuted_days',
  convicted: 'convicted_days',
} as const;

/** The columns of stat_case_facts, named (never by position). */
const FACT_COLUMNS: readonly string[] = [
  'case_id',
  'county_code',
  'reported_on',
  'offence_mask',
  'crime_established',
  'coercion_degree',
  'reporting_body',
  ...FUNNEL_STEPS.map((s) => STEP_COLUMN[s]),
  ...PARTY_COLUMNS,
];

/** The columns of cases that the facts (these and the persons', person-sql.ts) are made of, besides deleted_at. */
const FACT_CASE_COLUMNS = [
  'county_code',
  'reported_on',
  'crime_established',
  'coercion_degree',
  'reporting_body',
] as const;

const STEP_JOINS = `left join case_status_events inv on inv.case_id = c.id and inv.status = 'investigation'
    left join case_status_events pro on pro.case_id = c.id and pro.status = 'prosecuted'
    left join case_status_events con on con.case_id = c.id and con.status = 'convicted'`;

/**
 * The facts of the live cases matching `where` (on cases c). `grouped` aggregates offences and
 * parties in one pass over their tables (the backfill); otherwise per case by index (a change).
 */
function factsSelectSql(where: string, grouped: boolean): string {
  const partyColumns = PARTY_COLUMNS.map((c) => `coalesce(pp.${c}, 0)::smallint as ${c}`);
  // Set-wise in both forms: one aggregate over the parties of all the cases, not one per case.
  const caseFilter = grouped ? 'true' : 'o.case_id = any(ids)';
  const offences = `left join (select o.case_id, bit_or(${OFFENCE_BIT}) as mask from case_offences o where ${caseFilter} group by o.case_id) om on om.case_id = c.id`;
  const parties = `left join (select q.case_id, ${partyCountsSql().join(',\n      ')}\n      from (${partyRowsSql(grouped ? 'true' : 'p.case_id = any(ids)')}) q group by q.case_id) pp on pp.case_id = c.id`;
  return `select c.id as case_id, c.county_code, c.reported_on,
    coalesce(om.mask, 0)::smallint as offence_mask,
    c.crime_established, c.coercion_degree, c.reporting_body,
    ${FUNNEL_STEPS.map((s) => `${STEP_DAYS[s]} as ${STEP_COLUMN[s]}`).join(',\n    ')},
    ${partyColumns.join(',\n    ')}
  from cases c
    ${STEP_JOINS}
    ${offences}
    ${parties}
  where c.deleted_at is null and (${where})`;
}

/** What one facts row (alias f) adds to the rollups, times `sign`. */
function deltaColumnsSql(sign: string): string[] {
  const sum = (prefix: string, values: readonly string[]) => values.map((v) => `f.${prefix}_${v}`).join(' + ');
  const sexes = PARTY_DIMENSIONS.sex.values;
  const expr: Record<string, string> = { cases: sign };
  for (const d of Object.values(CASE_DIMENSIONS))
    for (const v of d.values) expr[`${d.prefix}_${v}`] = `${sign} * (f.${d.column} = '${v}')::int`;
  for (const s of FUNNEL_STEPS) expr[`reached_${s}`] = `${sign} * (f.${STEP_COLUMN[s]} is not null)::int`;
  expr.victims = `${sign} * (${sum('v_sex', sexes)})`;
  expr.perpetrators = `${sign} * (${sum('p_sex', sexes)})`;
  for (const c of PARTY_COLUMNS) expr[c] = `${sign} * f.${c}`;
  for (const v of sexes) {
    expr[`p_prosecuted_sex_${v}`] = `${sign} * (case when f.prosecuted_days is not null then f.p_sex_${v} else 0 end)`;
    expr[`p_convicted_sex_${v}`] = `${sign} * (case when f.convicted_days is not null then f.p_sex_${v} else 0 end)`;
  }
  return ROLLUP_COLUMNS.map((c) => {
    if (!(c in expr)) throw new Error(`no delta for ${c}`);
    return `${expr[c]} as ${c}`;
  });
}

type RollupTable = 'stat_case_days' | 'stat_case_months' | 'stat_case_years';
const PERIOD_COLUMN: Record<RollupTable, string> = {
  stat_case_days: 'day',
  stat_case_months: 'month',
  stat_case_years: 'year',
};
const PERIOD_OF: Record<RollupTable, string> = {
  stat_case_days: 'reported_on',
  stat_case_months: `date_trunc('month', reported_on)::date`,
  stat_case_years: `date_trunc('year', reported_on)::date`,
};

function upsertSql(table: RollupTable, source: string): string {
  const period = PERIOD_COLUMN[table];
  const key = PERIOD_OF[table];
  return `insert into ${table} as t (county_code, ${period}, offence_mask, ${ROLLUP_COLUMNS.join(', ')})
    select county_code, ${key}, offence_mask, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
    from ${source} group by 1, 2, 3 order by 1, 2, 3
    on conflict (county_code, ${period}, offence_mask) do update set ${ROLLUP_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;
}

/** Each facts row's (alias f) days to the funnel steps it reached, one row per step (the median histogram, decision 018). */
const STEP_DAYS_OF_FACTS = `cross join lateral (values ${FUNNEL_STEPS.map((s) => `('${s}'::case_status, f.${STEP_COLUMN[s]})`).join(', ')}) as s(step, days)`;

/** The median histogram's change from the old facts to the fresh ones, applied in key order; the rows it empties go. */
function stepMonthsSql(facts: string): string {
  const side = (source: string, sign: string, where = 'true') =>
    `select f.county_code, date_trunc('year', f.reported_on)::date as year, s.step, s.days, ${sign} as n from ${source} f ${STEP_DAYS_OF_FACTS} where ${where} and s.days is not null`;
  return `with up as (
    insert into stat_case_step_years as t (county_code, year, step, days, cases)
    select county_code, year, step, days, sum(n)
    from (${side('stat_case_facts', '-1', 'f.case_id = any(ids)')} union all ${side(facts, '1')}) d
    group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
    on conflict (county_code, year, step, days) do update set cases = t.cases + excluded.cases
    returning t.county_code, t.year, t.step, t.days, t.cases
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'year', year, 'step', step, 'days', days)) into emptied from up where up.cases = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), year date, step case_status, days int) loop
    delete from stat_case_step_years where county_code = key.county_code and year = key.year and step = key.step and days = key.days and cases = 0;
  end loop`;
}

/** The function that brings the facts and rollups of some cases up to date (at commit, stat_apply_pending). */
function refreshFunctionSql(): string {
  const facts = 'jsonb_populate_recordset(null::stat_case_facts, fresh)';
  const deltaRows = `(select d.*, d.day as reported_on from jsonb_populate_recordset(null::stat_case_days, delta) d)`;
  // Each upsert returns the rows it emptied; they are deleted one by one by their key. (A join of the
  // table with the keys was planned from the pending tables' statistics, taken during a bulk load,
  // as a sequential scan of the whole rollup table: ~45 ms a write at 200,000 cases.)
  const upsertAndClean = (table: RollupTable) => {
    const period = PERIOD_COLUMN[table];
    return `with up as (
    ${upsertSql(table, deltaRows + ' delta')}
    returning t.county_code, t.${period} as k, t.offence_mask, t.cases
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'k', k, 'offence_mask', offence_mask)) into emptied from up where up.cases = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), k date, offence_mask smallint) loop
    delete from ${table} where county_code = key.county_code and ${period} = key.k and offence_mask = key.offence_mask and cases = 0;
  end loop`;
  };
  return `-- Made by db/statistics/rollup-sql.ts (npm run stats:sql); do not edit by hand. Decisions 005, 016.
-- Offences in enum order: ${OFFENCES.join(', ')}.
create or replace function stat_refresh_cases(ids uuid[], lock_cases boolean default true) returns void
-- Plan each statement for the ids it is given and the tables as they are now: a plan cached on a
-- long-lived connection while the register was small (sequential scans) would stay, and a bulk
-- load on a fresh database slowed from 2,000 to 150 cases a second as the tables grew.
language plpgsql set plan_cache_mode = force_custom_plan as $fn$
declare
  fresh jsonb;
  delta jsonb;
  emptied jsonb;
  key record;
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  -- Refreshes of one case queue up behind each other (stat_apply_pending holds this lock already);
  -- each then sees what the one before it committed.
  if lock_cases then
    perform 1 from cases where id = any(ids) order by id for no key update;
  end if;
  select coalesce(jsonb_agg(to_jsonb(x) order by x.case_id), '[]'::jsonb) into fresh from (
  ${factsSelectSql('c.id = any(ids)', false)}
  ) x;
  -- Nothing changed (an edit of the notes, a status step without a funnel step): the rollups are right already.
  if fresh = (select coalesce(jsonb_agg(to_jsonb(f) order by f.case_id), '[]'::jsonb) from stat_case_facts f where f.case_id = any(ids)) then
    return;
  end if;
  -- The difference per day key, once; the months and years sum it up.
  select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) into delta from (
    select county_code, reported_on as day, offence_mask, ${ROLLUP_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}
    from (
      select f.county_code, f.reported_on, f.offence_mask, ${deltaColumnsSql('-1').join(', ')}
      from stat_case_facts f where f.case_id = any(ids)
      union all
      select f.county_code, f.reported_on, f.offence_mask, ${deltaColumnsSql('1').join(', ')}
      from ${facts} f
    ) f group by 1, 2, 3
  ) x;
  -- One table after the other, each in key order (the median histogram last): the same order in
  -- every transaction. The rows this refresh emptied go (it holds their locks already; never another writer's rows).
  ${upsertAndClean('stat_case_days')};
  ${upsertAndClean('stat_case_months')};
  ${upsertAndClean('stat_case_years')};
  ${stepMonthsSql(facts)};
  delete from stat_case_facts where case_id = any(ids);
  insert into stat_case_facts (${FACT_COLUMNS.join(', ')}) select ${FACT_COLUMNS.join(', ')} from ${facts};
end
$fn$`;
}

/**
 * At commit: the cases the transaction touched, person figures first, then the case figures.
 * A constraint trigger fires once per pending row; the first takes them all, the others find none.
 */
function applyFunctionSql(): string {
  return `create or replace function stat_apply_pending() returns trigger language plpgsql as $fn$
declare
  ids uuid[];
begin
  with gone as (delete from stat_case_pending where tx = txid_current() returning case_id)
  select array_agg(case_id order by case_id) into ids from gone;
  if ids is null then return null; end if;
  -- The case rows first, in id order: a second writer of one of these cases waits here, before
  -- it holds any rollup row, and then sees what this one committed.
  perform 1 from cases where id = any(ids) order by id for no key update;
  perform stat_person_refresh(ids, false);
  perform stat_person_apply_pending();
  perform stat_refresh_cases(ids, false);
  return null;
end
$fn$`;
}

/** The trigger functions: a change to cases or to their offences, parties and steps; a truncate. */
function triggerFunctionsSql(): string[] {
  return [
    `create or replace function stat_cases_changed() returns trigger language plpgsql as $fn$
begin
  -- Only which cases: their facts and the rollups are brought up to date at commit.
  if tg_op = 'INSERT' then
    insert into stat_case_pending (tx, case_id) select txid_current(), id from new_rows on conflict do nothing;
  elsif tg_op = 'UPDATE' then
    -- Only a change of what the case and person facts are made of (not the reference, the status,
    -- the version or the notes): the registration's own update of its reference records nothing.
    insert into stat_case_pending (tx, case_id)
    select txid_current(), n.id from new_rows n join old_rows o on o.id = n.id
    where (${FACT_CASE_COLUMNS.map((c) => `n.${c}`).join(', ')}, n.deleted_at is null) is distinct from (${FACT_CASE_COLUMNS.map((c) => `o.${c}`).join(', ')}, o.deleted_at is null)
    on conflict do nothing;
  else
    insert into stat_case_pending (tx, case_id) select txid_current(), id from old_rows on conflict do nothing;
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_case_children_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), case_id from new_rows on conflict do nothing;
  elsif tg_op = 'UPDATE' then
    insert into stat_case_pending (tx, case_id)
    select txid_current(), case_id from (select case_id from new_rows union select case_id from old_rows) x on conflict do nothing;
  else
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), case_id from old_rows on conflict do nothing;
  end if;
  return null;
end
$fn$`,
    `create or replace function stat_reset() returns trigger language plpgsql as $fn$
begin
  truncate stat_case_facts, stat_case_days, stat_case_months, stat_case_years, stat_case_step_years, stat_case_pending;
  return null;
end
$fn$`,
  ];
}

/** Statement-level triggers with transition tables on every table the facts are made of. */
function triggersSql(): string[] {
  const statements: string[] = [];
  for (const [table, fn] of [
    ['cases', 'stat_cases_changed'],
    ['case_offences', 'stat_case_children_changed'],
    ['case_parties', 'stat_case_children_changed'],
    ['case_status_events', 'stat_case_children_changed'],
  ] as const) {
    statements.push(`drop trigger if exists stat_${table}_insert on ${table}`);
    statements.push(
      `create trigger stat_${table}_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`,
    );
    statements.push(`drop trigger if exists stat_${table}_update on ${table}`);
    statements.push(
      `create trigger stat_${table}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`,
    );
    statements.push(`drop trigger if exists stat_${table}_delete on ${table}`);
    statements.push(
      `create trigger stat_${table}_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`,
    );
  }
  statements.push(`drop trigger if exists stat_cases_truncate on cases`);
  statements.push(
    `create trigger stat_cases_truncate after truncate on cases for each statement execute function stat_reset()`,
  );
  statements.push(`drop trigger if exists stat_case_pending_apply on stat_case_pending`);
  statements.push(
    `create constraint trigger stat_case_pending_apply after insert on stat_case_pending deferrable initially deferred for each row execute function stat_apply_pending()`,
  );
  return statements;
}

/** Rebuild from the rows: what the triggers would have made had they always been there. */
function rebuildSql(): string[] {
  const statements: string[] = [];
  statements.push(
    `truncate stat_case_facts, stat_case_days, stat_case_months, stat_case_years, stat_case_step_years, stat_case_pending`,
  );
  statements.push(
    `insert into stat_case_facts (${FACT_COLUMNS.join(', ')})\nselect ${FACT_COLUMNS.map((c) => `x.${c}`).join(', ')} from (\n  ${factsSelectSql('true', true)}\n) x`,
  );
  for (const table of ['stat_case_days', 'stat_case_months', 'stat_case_years'] as const) {
    statements.push(`insert into ${table} (county_code, ${PERIOD_COLUMN[table]}, offence_mask, ${ROLLUP_COLUMNS.join(', ')})
select f.county_code, ${PERIOD_OF[table].replace('reported_on', 'f.reported_on')}, f.offence_mask, ${deltaColumnsSql(
      '1',
    )
      .map((c) => `sum(${c.slice(0, c.lastIndexOf(' as '))})`)
      .join(', ')}
from stat_case_facts f group by 1, 2, 3`);
  }
  statements.push(`insert into stat_case_step_years (county_code, year, step, days, cases)
select f.county_code, date_trunc('year', f.reported_on)::date, s.step, s.days, count(*)
from stat_case_facts f ${STEP_DAYS_OF_FACTS} where s.days is not null group by 1, 2, 3, 4`);
  statements.push(`analyze stat_case_facts`);
  statements.push(`analyze stat_case_days`);
  statements.push(`analyze stat_case_months`);
  statements.push(`analyze stat_case_years`);
  statements.push(`analyze stat_case_step_years`);
  return statements;
}

/** The custom migration: functions, triggers, and a rebuild of the rollups from the rows. */
export function statisticsTriggersSql(): string {
  const statements = [
    refreshFunctionSql(),
    applyFunctionSql(),
    ...triggerFunctionsSql(),
    ...triggersSql(),
    ...rebuildSql(),
  ];
  return `${statements.join(';\n--> statement-breakpoint\n')};\n`;
}
