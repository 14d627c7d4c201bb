CREATE TYPE "public"."action_item_status" AS ENUM('open', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."event_format" AS ENUM('in_person', 'digital', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."group_kind" AS ENUM('county', 'regional', 'national', 'international');--> statement-breakpoint
CREATE TYPE "public"."training_audience" AS ENUM('police', 'prosecutors', 'courts', 'social_services', 'health_care', 'migration_agency', 'customs', 'school_youth', 'ngo', 'embassy_staff', 'county_board', 'other');--> statement-breakpoint
CREATE TYPE "public"."training_organiser" AS ENUM('county_board', 'police', 'crime_victim_authority', 'migration_agency', 'ngo', 'other');--> statement-breakpoint
CREATE TYPE "public"."training_theme" AS ENUM('victim_support_justice', 'identifying_trafficking', 'legislation', 'talking_about_sex', 'lgbtq', 'social_investigations', 'sex_education', 'online_exploitation', 'prostitution_policy', 'methods_cooperation', 'other');--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"raised_meeting_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"responsible_member_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" "action_item_status" DEFAULT 'open' NOT NULL,
	"closed_meeting_id" uuid,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_description_length" CHECK (char_length(btrim("action_items"."description")) between 1 and 1000),
	CONSTRAINT "action_items_closed_pair" CHECK (("action_items"."status" in ('done', 'dropped')) = ("action_items"."closed_on" is not null)),
	CONSTRAINT "action_items_closed_meeting_only_when_closed" CHECK ("action_items"."closed_meeting_id" is null or "action_items"."status" in ('done', 'dropped')),
	CONSTRAINT "action_items_not_closed_where_raised" CHECK ("action_items"."closed_meeting_id" is null or "action_items"."closed_meeting_id" <> "action_items"."raised_meeting_id"),
	CONSTRAINT "action_items_due_range" CHECK ("action_items"."due_on" >= date '1990-01-01'),
	CONSTRAINT "action_items_position_nonnegative" CHECK ("action_items"."position" >= 0),
	CONSTRAINT "action_items_version_positive" CHECK ("action_items"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "coordination_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"county_code" char(2) NOT NULL,
	"kind" "group_kind" NOT NULL,
	"description" text,
	"active_from" date NOT NULL,
	"active_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "coordination_groups_name_length" CHECK (char_length(btrim("coordination_groups"."name")) between 1 and 200),
	CONSTRAINT "coordination_groups_description_length" CHECK (char_length("coordination_groups"."description") <= 2000),
	CONSTRAINT "coordination_groups_active_range" CHECK ("coordination_groups"."active_from" >= date '1990-01-01' and ("coordination_groups"."active_to" is null or "coordination_groups"."active_to" >= "coordination_groups"."active_from")),
	CONSTRAINT "coordination_groups_version_positive" CHECK ("coordination_groups"."version" >= 1),
	CONSTRAINT "coordination_groups_deleted_pair" CHECK (("coordination_groups"."deleted_at" is null) = ("coordination_groups"."deleted_by" is null))
);
--> statement-breakpoint
CREATE TABLE "group_counties" (
	"group_id" uuid NOT NULL,
	"county_code" char(2) NOT NULL,
	CONSTRAINT "group_counties_group_id_county_code_pk" PRIMARY KEY("group_id","county_code")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"organisation_type" "reporting_body" NOT NULL,
	"organisation_name" text NOT NULL,
	"contact_function" text,
	"removed_at" timestamp with time zone,
	CONSTRAINT "group_members_id_group_key" UNIQUE("id","group_id"),
	CONSTRAINT "group_members_not_victim" CHECK ("group_members"."organisation_type" <> 'victim'),
	CONSTRAINT "group_members_name_length" CHECK (char_length(btrim("group_members"."organisation_name")) between 1 and 200),
	CONSTRAINT "group_members_function_length" CHECK (char_length("group_members"."contact_function") <= 200),
	CONSTRAINT "group_members_position_nonnegative" CHECK ("group_members"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_member_id_pk" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"format" "event_format" NOT NULL,
	"place" text,
	"other_guests" integer DEFAULT 0 NOT NULL,
	"agenda" text,
	"minutes" text,
	"decisions" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "meetings_id_group_key" UNIQUE("id","group_id"),
	CONSTRAINT "meetings_time_order" CHECK ("meetings"."ends_at" > "meetings"."starts_at" and "meetings"."ends_at" <= "meetings"."starts_at" + interval '24 hours'),
	CONSTRAINT "meetings_starts_range" CHECK ("meetings"."starts_at" >= timestamptz '1990-01-01 00:00:00+00'),
	CONSTRAINT "meetings_other_guests_range" CHECK ("meetings"."other_guests" between 0 and 10000),
	CONSTRAINT "meetings_place_length" CHECK (char_length("meetings"."place") between 1 and 200),
	CONSTRAINT "meetings_agenda_length" CHECK (char_length("meetings"."agenda") <= 5000),
	CONSTRAINT "meetings_minutes_length" CHECK (char_length("meetings"."minutes") <= 20000),
	CONSTRAINT "meetings_decisions_length" CHECK (char_length("meetings"."decisions") <= 5000),
	CONSTRAINT "meetings_version_positive" CHECK ("meetings"."version" >= 1),
	CONSTRAINT "meetings_deleted_pair" CHECK (("meetings"."deleted_at" is null) = ("meetings"."deleted_by" is null))
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"training_id" uuid NOT NULL,
	"audience" "training_audience" NOT NULL,
	"participants" integer NOT NULL,
	CONSTRAINT "training_participants_training_id_audience_pk" PRIMARY KEY("training_id","audience"),
	CONSTRAINT "training_participants_range" CHECK ("training_participants"."participants" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" char(2) NOT NULL,
	"organiser" "training_organiser" NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"format" "event_format" NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"themes" "training_theme"[] NOT NULL,
	"evaluation" numeric(2, 1),
	"group_id" uuid,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "trainings_title_length" CHECK (char_length(btrim("trainings"."title")) between 1 and 200),
	CONSTRAINT "trainings_description_length" CHECK (char_length("trainings"."description") <= 2000),
	CONSTRAINT "trainings_dates" CHECK ("trainings"."starts_on" >= date '1990-01-01' and "trainings"."ends_on" >= "trainings"."starts_on"),
	CONSTRAINT "trainings_hours_range" CHECK ("trainings"."hours" > 0 and "trainings"."hours" <= 1000),
	CONSTRAINT "trainings_themes_present" CHECK (cardinality("trainings"."themes") >= 1),
	CONSTRAINT "trainings_evaluation_range" CHECK ("trainings"."evaluation" between 1 and 5),
	CONSTRAINT "trainings_version_positive" CHECK ("trainings"."version" >= 1),
	CONSTRAINT "trainings_deleted_pair" CHECK (("trainings"."deleted_at" is null) = ("trainings"."deleted_by" is null))
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_group_id_coordination_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."coordination_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_raised_fk" FOREIGN KEY ("raised_meeting_id","group_id") REFERENCES "public"."meetings"("id","group_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_closed_fk" FOREIGN KEY ("closed_meeting_id","group_id") REFERENCES "public"."meetings"("id","group_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_responsible_fk" FOREIGN KEY ("responsible_member_id","group_id") REFERENCES "public"."group_members"("id","group_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_groups" ADD CONSTRAINT "coordination_groups_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_groups" ADD CONSTRAINT "coordination_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_groups" ADD CONSTRAINT "coordination_groups_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_groups" ADD CONSTRAINT "coordination_groups_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_counties" ADD CONSTRAINT "group_counties_group_id_coordination_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."coordination_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_counties" ADD CONSTRAINT "group_counties_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_coordination_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."coordination_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_fk" FOREIGN KEY ("meeting_id","group_id") REFERENCES "public"."meetings"("id","group_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_member_fk" FOREIGN KEY ("member_id","group_id") REFERENCES "public"."group_members"("id","group_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_group_id_coordination_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."coordination_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_group_id_coordination_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."coordination_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_group_status_idx" ON "action_items" USING btree ("group_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_items_pending_due_idx" ON "action_items" USING btree ("due_on") WHERE "action_items"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "action_items_raised_idx" ON "action_items" USING btree ("raised_meeting_id","position");--> statement-breakpoint
CREATE INDEX "action_items_closed_idx" ON "action_items" USING btree ("closed_meeting_id") WHERE "action_items"."closed_meeting_id" is not null;--> statement-breakpoint
CREATE INDEX "action_items_responsible_idx" ON "action_items" USING btree ("responsible_member_id");--> statement-breakpoint
CREATE INDEX "coordination_groups_county_idx" ON "coordination_groups" USING btree ("county_code","name");--> statement-breakpoint
CREATE INDEX "group_counties_county_idx" ON "group_counties" USING btree ("county_code","group_id");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "group_members" USING btree ("group_id","position");--> statement-breakpoint
CREATE INDEX "meeting_attendance_member_idx" ON "meeting_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "meetings_group_starts_idx" ON "meetings" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "training_participants_audience_idx" ON "training_participants" USING btree ("audience","training_id");--> statement-breakpoint
CREATE INDEX "trainings_county_starts_idx" ON "trainings" USING btree ("county_code","starts_on","id");--> statement-breakpoint
CREATE INDEX "trainings_starts_idx" ON "trainings" USING btree ("starts_on","id");--> statement-breakpoint
CREATE INDEX "trainings_group_idx" ON "trainings" USING btree ("group_id") WHERE "trainings"."group_id" is not null;