CREATE TABLE "stat_case_step_months" (
	"county_code" char(2) NOT NULL,
	"month" date NOT NULL,
	"step" "case_status" NOT NULL,
	"days" integer NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "stat_case_step_months_county_code_month_step_days_pk" PRIMARY KEY("county_code","month","step","days")
);
--> statement-breakpoint
CREATE TABLE "stat_person_step_months" (
	"county_code" char(2) NOT NULL,
	"month" date NOT NULL,
	"status" "person_status" NOT NULL,
	"days" integer NOT NULL,
	"persons" integer NOT NULL,
	CONSTRAINT "stat_person_step_months_county_code_month_status_days_pk" PRIMARY KEY("county_code","month","status","days")
);
--> statement-breakpoint
ALTER TABLE "stat_case_step_months" ADD CONSTRAINT "stat_case_step_months_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_person_step_months" ADD CONSTRAINT "stat_person_step_months_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_case_step_months_month_idx" ON "stat_case_step_months" USING btree ("month","step","days","cases");--> statement-breakpoint
CREATE INDEX "stat_person_step_months_month_idx" ON "stat_person_step_months" USING btree ("month","status","days","persons");