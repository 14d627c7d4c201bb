CREATE TYPE "public"."person_status" AS ENUM('suspected', 'discontinued', 'prosecution_waived', 'penalty_order', 'prosecuted', 'convicted', 'acquitted', 'convicted_on_appeal', 'acquitted_on_appeal');--> statement-breakpoint
CREATE TABLE "stat_person_days" (
	"county_code" char(2) NOT NULL,
	"day" date NOT NULL,
	"status" "person_status" NOT NULL,
	"offence_mask" smallint NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"sex_woman" integer DEFAULT 0 NOT NULL,
	"sex_man" integer DEFAULT 0 NOT NULL,
	"sex_other" integer DEFAULT 0 NOT NULL,
	"sex_unknown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_person_days_county_code_day_status_offence_mask_pk" PRIMARY KEY("county_code","day","status","offence_mask")
);
--> statement-breakpoint
CREATE TABLE "stat_person_facts" (
	"party_id" uuid NOT NULL,
	"status" "person_status" NOT NULL,
	"case_id" uuid NOT NULL,
	"county_code" char(2) NOT NULL,
	"occurred_on" date NOT NULL,
	"offence_mask" smallint NOT NULL,
	"sex" "sex" NOT NULL,
	"days" integer,
	CONSTRAINT "stat_person_facts_party_id_status_pk" PRIMARY KEY("party_id","status")
);
--> statement-breakpoint
CREATE TABLE "stat_person_months" (
	"county_code" char(2) NOT NULL,
	"month" date NOT NULL,
	"status" "person_status" NOT NULL,
	"offence_mask" smallint NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"sex_woman" integer DEFAULT 0 NOT NULL,
	"sex_man" integer DEFAULT 0 NOT NULL,
	"sex_other" integer DEFAULT 0 NOT NULL,
	"sex_unknown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_person_months_county_code_month_status_offence_mask_pk" PRIMARY KEY("county_code","month","status","offence_mask")
);
--> statement-breakpoint
CREATE TABLE "stat_person_pending" (
	"tx" bigint NOT NULL,
	"county_code" char(2) NOT NULL,
	"day" date NOT NULL,
	"status" "person_status" NOT NULL,
	"offence_mask" smallint NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"sex_woman" integer DEFAULT 0 NOT NULL,
	"sex_man" integer DEFAULT 0 NOT NULL,
	"sex_other" integer DEFAULT 0 NOT NULL,
	"sex_unknown" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_person_years" (
	"county_code" char(2) NOT NULL,
	"year" date NOT NULL,
	"status" "person_status" NOT NULL,
	"offence_mask" smallint NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"sex_woman" integer DEFAULT 0 NOT NULL,
	"sex_man" integer DEFAULT 0 NOT NULL,
	"sex_other" integer DEFAULT 0 NOT NULL,
	"sex_unknown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_person_years_county_code_year_status_offence_mask_pk" PRIMARY KEY("county_code","year","status","offence_mask")
);
--> statement-breakpoint
ALTER TABLE "stat_person_days" ADD CONSTRAINT "stat_person_days_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_person_months" ADD CONSTRAINT "stat_person_months_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_person_years" ADD CONSTRAINT "stat_person_years_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_person_days_day_idx" ON "stat_person_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "stat_person_facts_case_idx" ON "stat_person_facts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "stat_person_facts_status_idx" ON "stat_person_facts" USING btree ("status","occurred_on","county_code","offence_mask","days");--> statement-breakpoint
CREATE INDEX "stat_person_months_month_idx" ON "stat_person_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX "stat_person_pending_tx_idx" ON "stat_person_pending" USING btree ("tx");--> statement-breakpoint
CREATE INDEX "stat_person_years_year_idx" ON "stat_person_years" USING btree ("year");