-- The justice path's checks run in every writing transaction, with the ids of the touched cases.
-- A PL/pgSQL function caches its plans per connection; after five calls PostgreSQL may switch to
-- a generic plan, chosen without the ids' values, and for these queries it hashes the whole of
-- perpetrator_steps on every call (265 ms a call at 130,000 steps; db:synth fell to ~55 cases a
-- second). Planned per call, each uses the case and party indexes: a few milliseconds. The
-- statistics functions have had the same setting since 0006 (decision 005).
ALTER FUNCTION perpetrator_steps_check(uuid[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION case_derive_steps(uuid[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION perpetrator_steps_changed() SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION perpetrator_step_offences_check() SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION case_parties_keep_perpetrator() SET plan_cache_mode = force_custom_plan;
