-- Hand-written (issue 12, decision 012): today's cases carried over to each perpetrator's path.
-- Each perpetrator of a case that reached prosecution or a judgment gets that step with the
-- case's date: prosecuted on the 'prosecuted' date, then convicted or acquitted on the
-- judgment's (sanction 'unknown': the case pipeline never recorded one). The offences are those
-- matching the person's role: a buyer's the purchase of a sexual service / of a sexual act from a
-- child, everyone else's the case's other offences; when none match, all the case's offences.
-- The derived case step equals today's (its events are those already there, same dates): the
-- trigger of 0011 derives it in this statement. Cases that already have steps are left alone, so
-- the function may run again (justice-migration.test.ts runs it on a copy of the demo data).
CREATE OR REPLACE FUNCTION justice_path_migrate(ids uuid[]) RETURNS int AS $$
DECLARE
  n int;
BEGIN
  WITH legacy AS (
    SELECT e.case_id, e.status, e.occurred_on
    FROM case_status_events e JOIN cases c ON c.id = e.case_id
    WHERE e.status IN ('prosecuted', 'convicted', 'acquitted')
      AND e.occurred_on >= c.reported_on
      AND (ids IS NULL OR e.case_id = ANY(ids))
      AND NOT EXISTS (SELECT 1 FROM perpetrator_steps x WHERE x.case_id = e.case_id)
  ),
  steps AS (
    SELECT gen_random_uuid() AS id, l.case_id, p.id AS party_id, p.perpetrator_role, l.status::text::justice_step AS step,
      l.occurred_on
    FROM legacy l JOIN case_parties p ON p.case_id = l.case_id AND p.role = 'perpetrator'
    -- A judgment only after the prosecution, as the pipeline had it.
    WHERE l.status = 'prosecuted'
      OR EXISTS (SELECT 1 FROM legacy q WHERE q.case_id = l.case_id AND q.status = 'prosecuted' AND q.occurred_on <= l.occurred_on)
  ),
  new_steps AS (
    INSERT INTO perpetrator_steps (id, case_id, party_id, step, occurred_on, sanction)
    SELECT s.id, s.case_id, s.party_id, s.step, s.occurred_on, CASE WHEN s.step = 'convicted' THEN 'unknown'::sanction END
    FROM steps s ORDER BY s.case_id, s.party_id, s.step
    RETURNING 1
  ),
  new_offences AS (
    INSERT INTO perpetrator_step_offences (step_id, offence)
    SELECT s.id, o.offence
    FROM steps s JOIN case_offences o ON o.case_id = s.case_id
    WHERE s.step <> 'discontinued'
      AND CASE
        WHEN EXISTS (SELECT 1 FROM case_offences m WHERE m.case_id = s.case_id
                       AND (m.offence IN ('sex_purchase', 'sex_purchase_child')) = (s.perpetrator_role = 'buyer'))
        THEN (o.offence IN ('sex_purchase', 'sex_purchase_child')) = (s.perpetrator_role = 'buyer')
        ELSE true
      END
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM new_steps) + 0 * (SELECT count(*) FROM new_offences) INTO n;
  RETURN n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT justice_path_migrate(NULL);
