-- Hand-written (issue 12, decision 012). Each perpetrator's path is checked here, whatever wrote
-- it (the app, the demo seed, db:synth's bulk SQL, hand-written SQL), and the case's step is
-- derived from the paths in the same statement: one source of truth. lib/justice.ts holds the
-- same rules for the forms and the data layer; justice.test.ts keeps the two equal.

-- The case steps each person's path contributes (lib/justice.ts personContributions), and the
-- earliest date per step over the case's persons (deriveCaseEvents). Only cases with steps.
CREATE OR REPLACE FUNCTION case_derived_events(ids uuid[])
RETURNS TABLE (case_id uuid, status case_status, occurred_on date) AS $$
  WITH person AS (
    SELECT s.case_id, s.party_id,
      min(s.occurred_on) FILTER (WHERE s.step = 'prosecuted') AS pro_on,
      min(s.occurred_on) FILTER (WHERE s.step IN ('discontinued', 'prosecution_waived')) AS dis_on,
      min(s.occurred_on) FILTER (WHERE s.step = 'penalty_order') AS order_on,
      min(s.occurred_on) FILTER (WHERE s.step IN ('convicted', 'acquitted')) AS first_on,
      min(CASE s.step WHEN 'convicted' THEN 'convicted' WHEN 'acquitted' THEN 'acquitted' END) AS first_kind,
      min(s.occurred_on) FILTER (WHERE s.step IN ('convicted_on_appeal', 'acquitted_on_appeal')) AS appeal_on,
      min(CASE s.step WHEN 'convicted_on_appeal' THEN 'convicted' WHEN 'acquitted_on_appeal' THEN 'acquitted' END) AS appeal_kind
    FROM perpetrator_steps s
    WHERE s.case_id = ANY(ids)
    GROUP BY s.case_id, s.party_id
  ),
  contribution AS (
    SELECT p.case_id, 'prosecuted' AS status, p.pro_on AS on_date FROM person p WHERE p.pro_on IS NOT NULL
    UNION ALL
    SELECT p.case_id, coalesce(p.appeal_kind, p.first_kind),
      CASE WHEN p.appeal_kind IS NULL OR p.appeal_kind = p.first_kind THEN p.first_on ELSE p.appeal_on END
    FROM person p WHERE p.first_on IS NOT NULL
    UNION ALL
    SELECT p.case_id, 'convicted', p.order_on FROM person p WHERE p.first_on IS NULL AND p.order_on IS NOT NULL
    UNION ALL
    SELECT p.case_id, 'discontinued', p.dis_on FROM person p WHERE p.first_on IS NULL AND p.order_on IS NULL AND p.dis_on IS NOT NULL
  )
  SELECT c.case_id, c.status::case_status, min(c.on_date) FROM contribution c GROUP BY c.case_id, c.status
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- CASE_STATUS_RANK in lib/justice.ts: the furthest step is the case's status.
CREATE OR REPLACE FUNCTION case_status_rank(s case_status) RETURNS int AS $$
  SELECT CASE s WHEN 'reported' THEN 1 WHEN 'investigation' THEN 2 WHEN 'discontinued' THEN 3 WHEN 'prosecuted' THEN 4
    WHEN 'acquitted' THEN 5 WHEN 'convicted' THEN 6 WHEN 'closed' THEN 7 END
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- Bring the cases' derived step events in line with their persons' paths (kept where unchanged,
-- so that their notes and recorders stay; moved when an earlier date now reaches the step; removed
-- when no person reaches it any more), then the status and its date from the furthest event.
CREATE OR REPLACE FUNCTION case_derive_steps(ids uuid[]) RETURNS void AS $$
BEGIN
  DELETE FROM case_status_events e
  WHERE e.case_id = ANY(ids)
    AND e.status IN ('discontinued', 'prosecuted', 'convicted', 'acquitted')
    AND EXISTS (SELECT 1 FROM perpetrator_steps s WHERE s.case_id = e.case_id)
    AND NOT EXISTS (SELECT 1 FROM case_derived_events(ids) d WHERE d.case_id = e.case_id AND d.status = e.status);
  INSERT INTO case_status_events (case_id, status, occurred_on)
  SELECT d.case_id, d.status, d.occurred_on FROM case_derived_events(ids) d ORDER BY d.case_id, d.status
  ON CONFLICT (case_id, status) DO UPDATE SET occurred_on = excluded.occurred_on, recorded_at = now(), recorded_by = NULL
    WHERE case_status_events.occurred_on IS DISTINCT FROM excluded.occurred_on;
  UPDATE cases c SET status = f.status, status_on = f.occurred_on
  FROM (
    SELECT DISTINCT ON (e.case_id) e.case_id, e.status, e.occurred_on
    FROM case_status_events e WHERE e.case_id = ANY(ids)
    ORDER BY e.case_id, case_status_rank(e.status) DESC
  ) f
  WHERE c.id = f.case_id AND (c.status, c.status_on) IS DISTINCT FROM (f.status, f.occurred_on);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Every person's path is a chain of NEXT_JUSTICE_STEPS (lib/enums.ts), dated in order and not
-- before the report, on a perpetrator of the step's own case (the foreign key ties the case).
CREATE OR REPLACE FUNCTION perpetrator_steps_check(ids uuid[]) RETURNS void AS $$
DECLARE
  bad record;
BEGIN
  SELECT s.party_id, s.step INTO bad
  FROM perpetrator_steps s
  JOIN case_parties p ON p.id = s.party_id
  JOIN cases c ON c.id = s.case_id
  WHERE s.case_id = ANY(ids)
    AND (
      p.role <> 'perpetrator'
      OR s.occurred_on < c.reported_on
      -- The first step: one of four, and only one.
      OR (s.step IN ('discontinued', 'prosecution_waived', 'penalty_order', 'prosecuted') AND EXISTS (
            SELECT 1 FROM perpetrator_steps o WHERE o.party_id = s.party_id AND o.id <> s.id
              AND o.step IN ('discontinued', 'prosecution_waived', 'penalty_order', 'prosecuted')))
      -- A first-instance judgment: after a prosecution, on or after its date, and only one.
      OR (s.step IN ('convicted', 'acquitted') AND (
            NOT EXISTS (SELECT 1 FROM perpetrator_steps o WHERE o.party_id = s.party_id AND o.step = 'prosecuted'
              AND o.occurred_on <= s.occurred_on)
            OR EXISTS (SELECT 1 FROM perpetrator_steps o WHERE o.party_id = s.party_id AND o.id <> s.id
              AND o.step IN ('convicted', 'acquitted'))))
      -- A final judgment on appeal: after a first-instance judgment, on or after its date, and only one.
      OR (s.step IN ('convicted_on_appeal', 'acquitted_on_appeal') AND (
            NOT EXISTS (SELECT 1 FROM perpetrator_steps o WHERE o.party_id = s.party_id
              AND o.step IN ('convicted', 'acquitted') AND o.occurred_on <= s.occurred_on)
            OR EXISTS (SELECT 1 FROM perpetrator_steps o WHERE o.party_id = s.party_id AND o.id <> s.id
              AND o.step IN ('convicted_on_appeal', 'acquitted_on_appeal'))))
    )
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'perpetrator path broken at % of party %', bad.step, bad.party_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'perpetrator_steps_path';
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION perpetrator_steps_changed() RETURNS trigger AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.case_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.case_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.case_id) INTO ids FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) x;
  END IF;
  IF ids IS NULL THEN RETURN NULL; END IF;
  PERFORM perpetrator_steps_check(ids);
  PERFORM case_derive_steps(ids);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER perpetrator_steps_inserted AFTER INSERT ON perpetrator_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perpetrator_steps_changed();
--> statement-breakpoint
CREATE TRIGGER perpetrator_steps_updated AFTER UPDATE ON perpetrator_steps
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perpetrator_steps_changed();
--> statement-breakpoint
CREATE TRIGGER perpetrator_steps_deleted AFTER DELETE ON perpetrator_steps
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perpetrator_steps_changed();
--> statement-breakpoint
-- A perpetrator with steps stays a perpetrator (deleting them is refused by the foreign key).
CREATE OR REPLACE FUNCTION case_parties_keep_perpetrator() RETURNS trigger AS $$
BEGIN
  IF OLD.role = 'perpetrator' AND NEW.role <> 'perpetrator'
     AND EXISTS (SELECT 1 FROM perpetrator_steps s WHERE s.party_id = OLD.id) THEN
    RAISE EXCEPTION 'party % has justice steps', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'perpetrator_steps_party_role';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_parties_keep_perpetrator BEFORE UPDATE OF role ON case_parties
  FOR EACH ROW EXECUTE FUNCTION case_parties_keep_perpetrator();
--> statement-breakpoint
-- The offences a step names are the case's own, and a prosecution, order or judgment names at
-- least one. Checked at commit (deferred), so that a transaction may write the step before its
-- offences, or replace a case's offences, and is judged on what it leaves.
CREATE OR REPLACE FUNCTION perpetrator_step_offences_check() RETURNS trigger AS $$
DECLARE
  step_ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'perpetrator_steps' THEN
    step_ids := ARRAY[NEW.id];
  ELSIF TG_TABLE_NAME = 'perpetrator_step_offences' THEN
    step_ids := ARRAY[coalesce(NEW.step_id, OLD.step_id)];
  ELSE -- case_offences: the steps of the case
    SELECT array_agg(s.id) INTO step_ids FROM perpetrator_steps s WHERE s.case_id = coalesce(NEW.case_id, OLD.case_id);
  END IF;
  IF EXISTS (
    SELECT 1 FROM perpetrator_step_offences so JOIN perpetrator_steps s ON s.id = so.step_id
    WHERE so.step_id = ANY(step_ids)
      AND NOT EXISTS (SELECT 1 FROM case_offences co WHERE co.case_id = s.case_id AND co.offence = so.offence)
  ) THEN
    RAISE EXCEPTION 'a justice step names an offence its case does not have'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'perpetrator_step_offences_of_case';
  END IF;
  IF EXISTS (
    SELECT 1 FROM perpetrator_steps s
    WHERE s.id = ANY(step_ids)
      AND s.step IN ('penalty_order', 'prosecuted', 'convicted', 'acquitted', 'convicted_on_appeal', 'acquitted_on_appeal')
      AND NOT EXISTS (SELECT 1 FROM perpetrator_step_offences so WHERE so.step_id = s.id)
  ) THEN
    RAISE EXCEPTION 'a prosecution, order or judgment names no offence'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'perpetrator_step_offences_required';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER perpetrator_steps_offences AFTER INSERT OR UPDATE ON perpetrator_steps
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION perpetrator_step_offences_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER perpetrator_step_offences_of_case AFTER INSERT OR UPDATE OR DELETE ON perpetrator_step_offences
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION perpetrator_step_offences_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER case_offences_named_by_steps AFTER DELETE OR UPDATE ON case_offences
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION perpetrator_step_offences_check();
