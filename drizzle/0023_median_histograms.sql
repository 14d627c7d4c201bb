CREATE TABLE "stat_case_step_years" (
	"county_code" char(2) NOT NULL,
	"year" date NOT NULL,
	"step" "case_status" NOT NULL,
	"days" integer NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "stat_case_step_years_county_code_year_step_days_pk" PRIMARY KEY("county_code","year","step","days")
);
--> statement-breakpoint
CREATE TABLE "stat_person_step_years" (
	"county_code" char(2) NOT NULL,
	"year" date NOT NULL,
	"status" "person_status" NOT NULL,
	"days" integer NOT NULL,
	"persons" integer NOT NULL,
	CONSTRAINT "stat_person_step_years_county_code_year_status_days_pk" PRIMARY KEY("county_code","year","status","days")
);
--> statement-breakpoint
ALTER TABLE "stat_case_step_years" ADD CONSTRAINT "stat_case_step_years_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_person_step_years" ADD CONSTRAINT "stat_person_step_years_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_case_step_years_year_idx" ON "stat_case_step_years" USING btree ("year","county_code","step","days","cases");--> statement-breakpoint
CREATE INDEX "stat_person_step_years_year_idx" ON "stat_person_step_years" USING btree ("year","county_code","status","days","persons");