CREATE TYPE "public"."age_band" AS ENUM('0_14', '15_17', '18_20', '21_25', '26_35', '36_50', '51_plus', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."arena" AS ENUM('street', 'apartment', 'hotel', 'massage_club', 'online', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('reported', 'investigation', 'discontinued', 'prosecuted', 'convicted', 'acquitted', 'closed');--> statement-breakpoint
CREATE TYPE "public"."coercion_degree" AS ENUM('degree_1', 'degree_2', 'degree_3', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."control_method" AS ENUM('physical_abuse', 'sexual_abuse', 'physical_threats', 'threats_family', 'threats_authorities', 'false_promises', 'debt_bondage', 'takes_earnings', 'withholds_documents', 'restricts_movement', 'psychoactive_substances', 'psychological_abuse', 'other');--> statement-breakpoint
CREATE TYPE "public"."crime_established" AS ENUM('yes', 'uncertain', 'no');--> statement-breakpoint
CREATE TYPE "public"."offence" AS ENUM('trafficking_sexual', 'trafficking_other', 'exploitation', 'procuring', 'procuring_gross', 'sex_purchase', 'sex_purchase_child', 'other');--> statement-breakpoint
CREATE TYPE "public"."origin_region" AS ENUM('sweden', 'nordic', 'eu_east', 'eu_west', 'europe_east_non_eu', 'west_africa', 'africa_other', 'middle_east', 'asia', 'latin_america', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."party_role" AS ENUM('victim', 'perpetrator');--> statement-breakpoint
CREATE TYPE "public"."perpetrator_role" AS ENUM('recruiter', 'transporter', 'harbourer', 'exploiter', 'buyer', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."reporting_body" AS ENUM('police', 'prosecutor', 'social_services', 'health_care', 'migration_agency', 'customs', 'coast_guard', 'ngo', 'school_youth', 'county_board', 'victim', 'other');--> statement-breakpoint
CREATE TYPE "public"."residence_permit" AS ENUM('not_relevant', 'applied', 'granted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('woman', 'man', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."support_measure" AS ENUM('sheltered_housing', 'counselling', 'health_care', 'legal_counsel', 'return_programme', 'financial_support', 'none', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."yes_no_unknown" AS ENUM('yes', 'no', 'unknown');--> statement-breakpoint
CREATE TABLE "case_offences" (
	"case_id" uuid NOT NULL,
	"offence" "offence" NOT NULL,
	CONSTRAINT "case_offences_case_id_offence_pk" PRIMARY KEY("case_id","offence")
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"role" "party_role" NOT NULL,
	"sex" "sex" NOT NULL,
	"age_band" "age_band" NOT NULL,
	"origin_region" "origin_region" NOT NULL,
	"citizenship" char(2),
	"plaintiff_status" "yes_no_unknown",
	"residence_permit" "residence_permit",
	"support" "support_measure"[],
	"perpetrator_role" "perpetrator_role",
	CONSTRAINT "case_parties_position_key" UNIQUE("case_id","position"),
	CONSTRAINT "case_parties_citizenship_format" CHECK ("case_parties"."citizenship" ~ '^[A-Z]{2}$'),
	CONSTRAINT "case_parties_role_fields" CHECK (("case_parties"."role" = 'victim' and "case_parties"."perpetrator_role" is null and "case_parties"."plaintiff_status" is not null and "case_parties"."residence_permit" is not null and "case_parties"."support" is not null)
       or ("case_parties"."role" = 'perpetrator' and "case_parties"."perpetrator_role" is not null and "case_parties"."plaintiff_status" is null and "case_parties"."residence_permit" is null and "case_parties"."support" is null))
);
--> statement-breakpoint
CREATE TABLE "case_reference_counters" (
	"county_code" char(2) NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "case_reference_counters_county_code_year_pk" PRIMARY KEY("county_code","year")
);
--> statement-breakpoint
CREATE TABLE "case_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" "case_status" NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_status_events_step_key" UNIQUE("case_id","status"),
	CONSTRAINT "case_status_events_note_length" CHECK (char_length("case_status_events"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"county_code" char(2) NOT NULL,
	"reported_on" date NOT NULL,
	"reporting_body" "reporting_body" NOT NULL,
	"police_report_number" text,
	"arena" "arena" NOT NULL,
	"online_platform" "yes_no_unknown" DEFAULT 'unknown' NOT NULL,
	"cross_border" "yes_no_unknown" DEFAULT 'unknown' NOT NULL,
	"crime_established" "crime_established" NOT NULL,
	"coercion_degree" "coercion_degree" NOT NULL,
	"control_methods" "control_method"[] DEFAULT '{}' NOT NULL,
	"notes" text,
	"status" "case_status" DEFAULT 'reported' NOT NULL,
	"status_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference"),
	CONSTRAINT "cases_reference_format" CHECK ("cases"."reference" ~ '^[A-Z]{1,2}-[0-9]{4}-[0-9]{4,}$'),
	CONSTRAINT "cases_reported_on_range" CHECK ("cases"."reported_on" >= date '1990-01-01' and "cases"."reported_on" <= current_date + 1),
	CONSTRAINT "cases_notes_length" CHECK (char_length("cases"."notes") <= 2000),
	CONSTRAINT "cases_police_report_number_length" CHECK (char_length("cases"."police_report_number") between 1 and 40),
	CONSTRAINT "cases_version_positive" CHECK ("cases"."version" >= 1),
	CONSTRAINT "cases_deleted_pair" CHECK (("cases"."deleted_at" is null) = ("cases"."deleted_by" is null))
);
--> statement-breakpoint
ALTER TABLE "case_offences" ADD CONSTRAINT "case_offences_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reference_counters" ADD CONSTRAINT "case_reference_counters_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_events" ADD CONSTRAINT "case_status_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_events" ADD CONSTRAINT "case_status_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_offences_offence_idx" ON "case_offences" USING btree ("offence","case_id");--> statement-breakpoint
CREATE INDEX "case_parties_case_idx" ON "case_parties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_status_events_case_idx" ON "case_status_events" USING btree ("case_id","occurred_on");--> statement-breakpoint
CREATE INDEX "cases_county_reported_idx" ON "cases" USING btree ("county_code","reported_on","id");--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_on","id");--> statement-breakpoint
CREATE INDEX "cases_county_reference_idx" ON "cases" USING btree ("county_code","reference");--> statement-breakpoint
CREATE INDEX "cases_police_report_number_idx" ON "cases" USING btree ("police_report_number") WHERE "cases"."police_report_number" is not null;--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","county_code");--> statement-breakpoint
CREATE INDEX "cases_reporting_body_idx" ON "cases" USING btree ("reporting_body","county_code");--> statement-breakpoint
CREATE INDEX "cases_coercion_degree_idx" ON "cases" USING btree ("coercion_degree","county_code");--> statement-breakpoint
CREATE INDEX "cases_crime_established_idx" ON "cases" USING btree ("crime_established","county_code");--> statement-breakpoint
CREATE INDEX "cases_live_id_county_idx" ON "cases" USING btree ("id","county_code") WHERE "cases"."deleted_at" is null;