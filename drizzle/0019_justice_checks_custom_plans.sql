-- Plan the justice path's checks for the ids they are given (issue 21, decision 016). A generic
-- plan, cached on a long-lived connection, hashed all of perpetrator_steps on every call: 265 ms
-- a write at 130,000 steps.
ALTER FUNCTION perpetrator_step_offences_check() SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION perpetrator_steps_check(uuid[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION case_derive_steps(uuid[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION case_parties_keep_perpetrator() SET plan_cache_mode = force_custom_plan;
