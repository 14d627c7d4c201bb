import 'server-only';
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import type { ActionResult } from '@/lib/forms/action-result';
import { findUnstorableText, UNSTORABLE_TEXT } from '@/lib/forms/storable';
import type { Actor } from '@/lib/policy';
import { currentSession, getActor } from './session';

function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: 'errors.invalid', fieldErrors };
}

/**
 * Text PostgreSQL cannot store (a NUL, a lone surrogate), anywhere in the payload and whatever
 * the schema says of the field: refused at its path before the schema or any query sees it.
 */
function unstorable(raw: unknown): ActionResult<never> | null {
  const paths = findUnstorableText(raw);
  if (paths.length === 0) return null;
  return {
    ok: false,
    error: 'errors.invalid',
    fieldErrors: Object.fromEntries(paths.map((p) => [p, [UNSTORABLE_TEXT]])),
  };
}

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    // `reason` is the data layer's finer cause (e.g. 'status_transition'), which a form may explain.
    if (isAppError(error))
      return { ok: false, error: `errors.${error.code}`, reason: error.message, details: error.details };
    throw error;
  }
}

export type ActionOptions = {
  /**
   * Open to a person who must first change their password or set up two-factor sign-in (the
   * account pages' own actions). Everything else treats them as not signed in.
   */
  allowPending?: boolean;
};

/**
 * The one way to write a server action for a signed-in person. Server actions are public
 * endpoints: the payload is parsed again here whatever the form did, and the data layer checks
 * the permission and the county for the actor.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, actor: Actor) => Promise<T>,
  options: ActionOptions = {},
) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const actor = options.allowPending ? await currentSession() : await getActor();
    if (!actor) return { ok: false, error: 'errors.unauthenticated' };
    const refused = unstorable(raw);
    if (refused) return refused;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    return run(() => fn(parsed.data, { id: actor.id, role: actor.role, county: actor.county, region: actor.region }));
  };
}

/** The same for the few actions open to people who are not signed in (the sign-in itself). */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<ActionResult<T>>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const refused = unstorable(raw);
    if (refused) return refused;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    return fn(parsed.data);
  };
}
