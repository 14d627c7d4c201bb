CREATE TYPE "public"."justice_step" AS ENUM('discontinued', 'prosecution_waived', 'penalty_order', 'prosecuted', 'convicted', 'acquitted', 'convicted_on_appeal', 'acquitted_on_appeal');--> statement-breakpoint
CREATE TYPE "public"."prison_band" AS ENUM('under_6_months', '6_to_12_months', '1_to_2_years', '2_to_4_years', '4_to_10_years', 'over_10_years');--> statement-breakpoint
CREATE TYPE "public"."sanction" AS ENUM('prison', 'probation', 'conditional_sentence', 'fine', 'other', 'unknown');--> statement-breakpoint
CREATE TABLE "perpetrator_step_offences" (
	"step_id" uuid NOT NULL,
	"offence" "offence" NOT NULL,
	CONSTRAINT "perpetrator_step_offences_step_id_offence_pk" PRIMARY KEY("step_id","offence")
);
--> statement-breakpoint
CREATE TABLE "perpetrator_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"step" "justice_step" NOT NULL,
	"occurred_on" date NOT NULL,
	"sanction" "sanction",
	"prison_band" "prison_band",
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "perpetrator_steps_party_step_key" UNIQUE("party_id","step"),
	CONSTRAINT "perpetrator_steps_occurred_on_range" CHECK ("perpetrator_steps"."occurred_on" >= date '1990-01-01' and "perpetrator_steps"."occurred_on" <= current_date + 1),
	CONSTRAINT "perpetrator_steps_sanction" CHECK (("perpetrator_steps"."step" in ('penalty_order', 'convicted', 'convicted_on_appeal')) = ("perpetrator_steps"."sanction" is not null)),
	CONSTRAINT "perpetrator_steps_penalty_order_sanction" CHECK ("perpetrator_steps"."step" <> 'penalty_order' or "perpetrator_steps"."sanction" in ('fine', 'conditional_sentence')),
	CONSTRAINT "perpetrator_steps_prison_band" CHECK (("perpetrator_steps"."sanction" is not distinct from 'prison') = ("perpetrator_steps"."prison_band" is not null))
);
--> statement-breakpoint
ALTER TABLE "perpetrator_step_offences" ADD CONSTRAINT "perpetrator_step_offences_step_id_perpetrator_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."perpetrator_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perpetrator_steps" ADD CONSTRAINT "perpetrator_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perpetrator_steps" ADD CONSTRAINT "perpetrator_steps_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_id_case_key" UNIQUE("id","case_id");--> statement-breakpoint
ALTER TABLE "perpetrator_steps" ADD CONSTRAINT "perpetrator_steps_party_fk" FOREIGN KEY ("party_id","case_id") REFERENCES "public"."case_parties"("id","case_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "perpetrator_steps_case_idx" ON "perpetrator_steps" USING btree ("case_id");