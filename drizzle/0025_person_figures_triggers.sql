drop trigger if exists stat_person_cases_insert on cases;
--> statement-breakpoint
drop trigger if exists stat_person_cases_update on cases;
--> statement-breakpoint
drop trigger if exists stat_person_cases_delete on cases;
--> statement-breakpoint
drop trigger if exists stat_person_case_offences_insert on case_offences;
--> statement-breakpoint
drop trigger if exists stat_person_case_offences_update on case_offences;
--> statement-breakpoint
drop trigger if exists stat_person_case_offences_delete on case_offences;
--> statement-breakpoint
drop trigger if exists stat_person_case_parties_insert on case_parties;
--> statement-breakpoint
drop trigger if exists stat_person_case_parties_update on case_parties;
--> statement-breakpoint
drop trigger if exists stat_person_case_parties_delete on case_parties;
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_steps_insert on perpetrator_steps;
--> statement-breakpoint
create trigger stat_person_perpetrator_steps_insert after insert on perpetrator_steps referencing new table as new_rows for each statement execute function stat_person_children_changed();
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_steps_update on perpetrator_steps;
--> statement-breakpoint
create trigger stat_person_perpetrator_steps_update after update on perpetrator_steps referencing old table as old_rows new table as new_rows for each statement execute function stat_person_children_changed();
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_steps_delete on perpetrator_steps;
--> statement-breakpoint
create trigger stat_person_perpetrator_steps_delete after delete on perpetrator_steps referencing old table as old_rows for each statement execute function stat_person_children_changed();
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_step_offences_insert on perpetrator_step_offences;
--> statement-breakpoint
create trigger stat_person_perpetrator_step_offences_insert after insert on perpetrator_step_offences referencing new table as new_rows for each statement execute function stat_person_step_offences_changed();
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_step_offences_update on perpetrator_step_offences;
--> statement-breakpoint
create trigger stat_person_perpetrator_step_offences_update after update on perpetrator_step_offences referencing old table as old_rows new table as new_rows for each statement execute function stat_person_step_offences_changed();
--> statement-breakpoint
drop trigger if exists stat_person_perpetrator_step_offences_delete on perpetrator_step_offences;
--> statement-breakpoint
create trigger stat_person_perpetrator_step_offences_delete after delete on perpetrator_step_offences referencing old table as old_rows for each statement execute function stat_person_step_offences_changed();
--> statement-breakpoint
drop trigger if exists stat_person_cases_truncate on cases;
--> statement-breakpoint
create trigger stat_person_cases_truncate after truncate on cases for each statement execute function stat_person_reset();
--> statement-breakpoint
-- Made by db/statistics/person-sql.ts (npm run stats:sql -- persons); do not edit by hand. Decision 014.
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
  with c as (
    select c.id, c.county_code, c.reported_on from cases c where c.deleted_at is null and c.id = any(ids)
  ), co as (
    select o.case_id, bit_or((1 << (array_position(enum_range(null::offence), o.offence) - 1))) as mask from case_offences o where o.case_id = any(ids) group by o.case_id
  ), p as (
    select p.id, p.case_id, p.sex from case_parties p where p.role = 'perpetrator' and p.case_id = any(ids)
  ), s as (
    select s.id, s.party_id, s.step, s.occurred_on from perpetrator_steps s where s.case_id = any(ids)
  ), so as (
    select so.step_id, bit_or((1 << (array_position(enum_range(null::offence), so.offence) - 1))) as mask
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
    left join so on so.step_id = s.id left join co on co.case_id = c.id left join prior_steps b on b.party_id = p.id
  ) x;
  if fresh = (select coalesce(jsonb_agg(to_jsonb(f) order by f.party_id, f.status), '[]'::jsonb)
              from (select party_id, status, case_id, county_code, occurred_on, offence_mask, sex, days from stat_person_facts where case_id = any(ids)) f) then
    return;
  end if;
  insert into stat_person_pending (tx, county_code, day, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
  select txid_current(), f.county_code, f.occurred_on, f.status, f.offence_mask, sum(f.persons), sum(f.sex_woman), sum(f.sex_man), sum(f.sex_other), sum(f.sex_unknown)
  from (
    select f.county_code, f.occurred_on, f.status, f.offence_mask, -1 as persons, -1 * (f.sex = 'woman')::int as sex_woman, -1 * (f.sex = 'man')::int as sex_man, -1 * (f.sex = 'other')::int as sex_other, -1 * (f.sex = 'unknown')::int as sex_unknown
    from stat_person_facts f where f.case_id = any(ids)
    union all
    select f.county_code, f.occurred_on, f.status, f.offence_mask, 1 as persons, 1 * (f.sex = 'woman')::int as sex_woman, 1 * (f.sex = 'man')::int as sex_man, 1 * (f.sex = 'other')::int as sex_other, 1 * (f.sex = 'unknown')::int as sex_unknown
    from jsonb_populate_recordset(null::stat_person_facts, fresh) f
  ) f
  group by 2, 3, 4, 5
  having sum(f.persons) <> 0 or sum(f.sex_woman) <> 0 or sum(f.sex_man) <> 0 or sum(f.sex_other) <> 0 or sum(f.sex_unknown) <> 0;
  -- The median histogram (decision 018), in key order: before the person rollups in every transaction.
  with up as (
    insert into stat_person_step_years as t (county_code, year, status, days, persons)
    select county_code, date_trunc('year', occurred_on)::date, status, days, sum(n)
    from (
      select f.county_code, f.occurred_on, f.status, f.days, -1 as n from stat_person_facts f where f.case_id = any(ids) and f.days is not null
      union all
      select f.county_code, f.occurred_on, f.status, f.days, 1 from jsonb_populate_recordset(null::stat_person_facts, fresh) f where f.days is not null
    ) d
    group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
    on conflict (county_code, year, status, days) do update set persons = t.persons + excluded.persons
    returning t.county_code, t.year, t.status, t.days, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'year', year, 'status', status, 'days', days)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), year date, status person_status, days int) loop
    delete from stat_person_step_years where county_code = key.county_code and year = key.year and status = key.status and days = key.days and persons = 0;
  end loop;
  delete from stat_person_facts where case_id = any(ids);
  insert into stat_person_facts (party_id, status, case_id, county_code, occurred_on, offence_mask, sex, days) select party_id, status, case_id, county_code, occurred_on, offence_mask, sex, days from jsonb_populate_recordset(null::stat_person_facts, fresh);
end
$fn$;
--> statement-breakpoint
drop trigger if exists stat_person_pending_apply on stat_person_pending;
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
  with up as (
    insert into stat_person_days as t (county_code, day, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
    select county_code, day, status, offence_mask, sum(persons), sum(sex_woman), sum(sex_man), sum(sex_other), sum(sex_unknown)
    from stat_person_pending where tx = me group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (county_code, day, status, offence_mask) do update set persons = t.persons + excluded.persons, sex_woman = t.sex_woman + excluded.sex_woman, sex_man = t.sex_man + excluded.sex_man, sex_other = t.sex_other + excluded.sex_other, sex_unknown = t.sex_unknown + excluded.sex_unknown
    returning t.county_code, t.day as k, t.status, t.offence_mask, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'k', k, 'status', status, 'offence_mask', offence_mask)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), k date, status person_status, offence_mask smallint) loop
    delete from stat_person_days where county_code = key.county_code and day = key.k and status = key.status and offence_mask = key.offence_mask and persons = 0;
  end loop;
  with up as (
    insert into stat_person_months as t (county_code, month, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
    select county_code, date_trunc('month', day)::date, status, offence_mask, sum(persons), sum(sex_woman), sum(sex_man), sum(sex_other), sum(sex_unknown)
    from stat_person_pending where tx = me group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (county_code, month, status, offence_mask) do update set persons = t.persons + excluded.persons, sex_woman = t.sex_woman + excluded.sex_woman, sex_man = t.sex_man + excluded.sex_man, sex_other = t.sex_other + excluded.sex_other, sex_unknown = t.sex_unknown + excluded.sex_unknown
    returning t.county_code, t.month as k, t.status, t.offence_mask, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'k', k, 'status', status, 'offence_mask', offence_mask)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), k date, status person_status, offence_mask smallint) loop
    delete from stat_person_months where county_code = key.county_code and month = key.k and status = key.status and offence_mask = key.offence_mask and persons = 0;
  end loop;
  with up as (
    insert into stat_person_years as t (county_code, year, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
    select county_code, date_trunc('year', day)::date, status, offence_mask, sum(persons), sum(sex_woman), sum(sex_man), sum(sex_other), sum(sex_unknown)
    from stat_person_pending where tx = me group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (county_code, year, status, offence_mask) do update set persons = t.persons + excluded.persons, sex_woman = t.sex_woman + excluded.sex_woman, sex_man = t.sex_man + excluded.sex_man, sex_other = t.sex_other + excluded.sex_other, sex_unknown = t.sex_unknown + excluded.sex_unknown
    returning t.county_code, t.year as k, t.status, t.offence_mask, t.persons
  ) select jsonb_agg(jsonb_build_object('county_code', county_code, 'k', k, 'status', status, 'offence_mask', offence_mask)) into emptied from up where up.persons = 0;
  for key in select * from jsonb_to_recordset(coalesce(emptied, '[]'::jsonb)) as x(county_code char(2), k date, status person_status, offence_mask smallint) loop
    delete from stat_person_years where county_code = key.county_code and year = key.k and status = key.status and offence_mask = key.offence_mask and persons = 0;
  end loop;
  delete from stat_person_pending where tx = me;
end
$fn$;
--> statement-breakpoint
drop function if exists stat_person_cases_changed();
--> statement-breakpoint
create or replace function stat_person_children_changed() returns trigger language plpgsql as $fn$
begin
  -- Only which cases: their facts and the rollups are brought up to date at commit.
  if tg_op = 'INSERT' then
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select case_id from new_rows) x where x.case_id is not null on conflict do nothing;
  elsif tg_op = 'UPDATE' then
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select case_id from new_rows union select case_id from old_rows) x where x.case_id is not null on conflict do nothing;
  else
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select case_id from old_rows) x where x.case_id is not null on conflict do nothing;
  end if;
  return null;
end
$fn$;
--> statement-breakpoint
create or replace function stat_person_step_offences_changed() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select s.case_id from new_rows n join perpetrator_steps s on s.id = n.step_id) x where x.case_id is not null on conflict do nothing;
  elsif tg_op = 'UPDATE' then
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select s.case_id from perpetrator_steps s where s.id in (select step_id from new_rows union select step_id from old_rows)) x where x.case_id is not null on conflict do nothing;
  else
    -- A step deleted with its offences is gone already: its own trigger records the case.
    insert into stat_case_pending (tx, case_id) select distinct txid_current(), x.case_id from (select s.case_id from old_rows o join perpetrator_steps s on s.id = o.step_id) x where x.case_id is not null on conflict do nothing;
  end if;
  return null;
end
$fn$;
--> statement-breakpoint
create or replace function stat_person_reset() returns trigger language plpgsql as $fn$
begin
  truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_step_years, stat_person_pending;
  return null;
end
$fn$;
--> statement-breakpoint
truncate stat_person_facts, stat_person_days, stat_person_months, stat_person_years, stat_person_step_years, stat_person_pending;
--> statement-breakpoint
insert into stat_person_facts (party_id, status, case_id, county_code, occurred_on, offence_mask, sex, days)
select x.party_id, x.status, x.case_id, x.county_code, x.occurred_on, x.offence_mask, x.sex, x.days from (
  with c as (
    select c.id, c.county_code, c.reported_on from cases c where c.deleted_at is null and true
  ), co as (
    select o.case_id, bit_or((1 << (array_position(enum_range(null::offence), o.offence) - 1))) as mask from case_offences o where true group by o.case_id
  ), p as (
    select p.id, p.case_id, p.sex from case_parties p where p.role = 'perpetrator' and true
  ), s as (
    select s.id, s.party_id, s.step, s.occurred_on from perpetrator_steps s where true
  ), so as (
    select so.step_id, bit_or((1 << (array_position(enum_range(null::offence), so.offence) - 1))) as mask
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
    left join so on so.step_id = s.id left join co on co.case_id = c.id left join prior_steps b on b.party_id = p.id
) x;
--> statement-breakpoint
insert into stat_person_days (county_code, day, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
select f.county_code, f.occurred_on, f.status, f.offence_mask, sum(1), sum(1 * (f.sex = 'woman')::int), sum(1 * (f.sex = 'man')::int), sum(1 * (f.sex = 'other')::int), sum(1 * (f.sex = 'unknown')::int)
from stat_person_facts f group by 1, 2, 3, 4;
--> statement-breakpoint
insert into stat_person_months (county_code, month, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
select f.county_code, date_trunc('month', f.occurred_on)::date, f.status, f.offence_mask, sum(1), sum(1 * (f.sex = 'woman')::int), sum(1 * (f.sex = 'man')::int), sum(1 * (f.sex = 'other')::int), sum(1 * (f.sex = 'unknown')::int)
from stat_person_facts f group by 1, 2, 3, 4;
--> statement-breakpoint
insert into stat_person_years (county_code, year, status, offence_mask, persons, sex_woman, sex_man, sex_other, sex_unknown)
select f.county_code, date_trunc('year', f.occurred_on)::date, f.status, f.offence_mask, sum(1), sum(1 * (f.sex = 'woman')::int), sum(1 * (f.sex = 'man')::int), sum(1 * (f.sex = 'other')::int), sum(1 * (f.sex = 'unknown')::int)
from stat_person_facts f group by 1, 2, 3, 4;
--> statement-breakpoint
insert into stat_person_step_years (county_code, year, status, days, persons)
select f.county_code, date_trunc('year', f.occurred_on)::date, f.status, f.days, count(*)
from stat_person_facts f where f.days is not null group by 1, 2, 3, 4;
--> statement-breakpoint
analyze stat_person_facts;
--> statement-breakpoint
analyze stat_person_days;
--> statement-breakpoint
analyze stat_person_months;
--> statement-breakpoint
analyze stat_person_years;
--> statement-breakpoint
analyze stat_person_step_years;
