-- Hand-written (issue 6). Every session carries users.session_version as it was at sign-in, and
-- the app compares it on each request. Raising it here, in the database, ends a person's sessions
-- whenever their access changes, whatever path made the change (the admin pages, a script, SQL):
-- deactivation or reactivation, a new role or county, a new password hash (reset or change).
CREATE OR REPLACE FUNCTION users_bump_session_version() RETURNS trigger AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.county_code IS DISTINCT FROM OLD.county_code
     OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := GREATEST(OLD.session_version, NEW.session_version) + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_session_version
  BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_bump_session_version();
