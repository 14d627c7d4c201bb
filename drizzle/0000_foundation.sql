CREATE TYPE "public"."police_region" AS ENUM('Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'national_coordinator', 'national_analyst', 'county_coordinator', 'county_staff');--> statement-breakpoint
CREATE TABLE "counties" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"letter" varchar(2) NOT NULL,
	"name_sv" text NOT NULL,
	"short_name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"seat" text NOT NULL,
	"population" integer NOT NULL,
	"population_date" date NOT NULL,
	"svg_id" text NOT NULL,
	"police_region" "police_region" NOT NULL,
	CONSTRAINT "counties_letter_unique" UNIQUE("letter"),
	CONSTRAINT "counties_svg_id_unique" UNIQUE("svg_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"county_code" char(2),
	"active" boolean DEFAULT true NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_county_matches_role" CHECK (("users"."role" in ('county_coordinator', 'county_staff')) = ("users"."county_code" is not null)),
	CONSTRAINT "users_failed_login_count_nonnegative" CHECK ("users"."failed_login_count" >= 0),
	CONSTRAINT "users_email_shape" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"county_code" char(2),
	"changes" jsonb
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_county_code_idx" ON "users" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");