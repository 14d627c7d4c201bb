ALTER TYPE "public"."user_role" ADD VALUE 'regional_coordinator';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "police_region" "police_region";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_matches_role" CHECK (("users"."role"::text = 'regional_coordinator') = ("users"."police_region" is not null));--> statement-breakpoint
-- Hand-written (issue 13): a new police region ends a person's sessions, as a new county does
-- (0008): the function of 0008 again, with the region beside the county.
CREATE OR REPLACE FUNCTION users_bump_session_version() RETURNS trigger AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.county_code IS DISTINCT FROM OLD.county_code
     OR NEW.police_region IS DISTINCT FROM OLD.police_region
     OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := GREATEST(OLD.session_version, NEW.session_version) + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
