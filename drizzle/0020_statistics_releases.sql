CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" smallint NOT NULL,
	"version" smallint NOT NULL,
	"threshold" smallint NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"automatic" boolean NOT NULL,
	"source_fingerprint" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	"hidden_cells" integer NOT NULL,
	CONSTRAINT "statistics_releases_year_version" UNIQUE("year","version"),
	CONSTRAINT "statistics_releases_version_positive" CHECK ("statistics_releases"."version" >= 1),
	CONSTRAINT "statistics_releases_threshold_range" CHECK ("statistics_releases"."threshold" between 3 and 20)
);
--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_releases" ADD CONSTRAINT "statistics_releases_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A release is evidence of what was published: the database refuses to change or remove one,
-- whatever the application tries; a corrected year is a new version (issue 14).
CREATE FUNCTION statistics_releases_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'statistics_releases is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statistics_releases_no_update_delete
  BEFORE UPDATE OR DELETE ON statistics_releases
  FOR EACH ROW EXECUTE FUNCTION statistics_releases_refuse_change();
--> statement-breakpoint
CREATE TRIGGER statistics_releases_no_truncate
  BEFORE TRUNCATE ON statistics_releases
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_releases_refuse_change();
