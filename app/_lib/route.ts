import 'server-only';
import { z } from 'zod';
import { isAppError, type AppError, type AppErrorCode } from '@/lib/errors';
import { findUnstorableText, isStorableText } from '@/lib/forms/storable';
import { getActor, SessionUncheckedError, type SessionActor } from './session';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler behind sign-in is given: the person, and the request's parts already parsed. */
export type RouteRequest<P = undefined, Q = undefined> = {
  request: Request;
  actor: SessionActor;
  /** The dynamic segments ([id]), parsed with `params`. */
  params: P;
  /** The query string, parsed with `searchParams` (one value a key, as the list pages read it). */
  query: Q;
};

/** Every refusal the wrapper answers itself; the body's `error` is the code. */
type Refusal = 'unauthenticated' | AppErrorCode;

export type RouteOptions<P extends Schema, Q extends Schema> = {
  params?: P;
  searchParams?: Q;
  /** A sentence for a refusal's body (`message`), for an API that people read, such as the statistics'. */
  messages?: Partial<Record<Refusal, string>>;
  /** The route's own answer to a refusal of the data layer, before the standard one (null: standard). */
  refusal?: (error: AppError) => Response | null;
};

const STATUS: Record<Refusal, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
};

function refuse(code: Refusal, messages: RouteOptions<Schema, Schema>['messages'], reason?: string): Response {
  const message = messages?.[code];
  const body = { error: code, ...(message ? { message } : {}), ...(reason ? { reason } : {}) };
  return Response.json(body, { status: STATUS[code] });
}

/** The data layer's finer cause (e.g. 'status_transition') explains a 400 or 409; a 403 or 404 says no more. */
function refuseAppError(error: AppError, messages: RouteOptions<Schema, Schema>['messages']): Response {
  const explained = error.code === 'invalid' || error.code === 'conflict';
  return refuse(error.code, messages, explained && error.message !== error.code ? error.message : undefined);
}

/** A parameter that its schema refuses: 400, naming the parameter (the statistics API's shape). */
function invalidParameter(error: z.ZodError): Response {
  const [issue] = error.issues;
  return Response.json(
    { error: 'invalid_parameter', parameter: issue?.path.join('.') ?? '', message: issue?.message ?? 'Invalid.' },
    { status: 400 },
  );
}

/** A segment or query parameter with text PostgreSQL cannot store (NUL): 400 before any schema or query. */
function unstorableParameter(segments: unknown, query: URLSearchParams): Response | null {
  const inQuery = [...query].find(([key, value]) => !isStorableText(key) || !isStorableText(value));
  const parameter = findUnstorableText(segments)[0] ?? (inQuery && (isStorableText(inQuery[0]) ? inQuery[0] : '_'));
  if (parameter === undefined) return null;
  return Response.json(
    { error: 'invalid_parameter', parameter, message: 'The parameter holds a character that cannot be stored.' },
    { status: 400 },
  );
}

function parse<S extends Schema>(
  schema: S,
  raw: unknown,
): { ok: true; data: Parsed<S> } | { ok: false; error: z.ZodError } {
  if (!schema) return { ok: true, data: undefined as Parsed<S> };
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data as Parsed<S> } : { ok: false, error: parsed.error };
}

/**
 * The one way to write a route handler for a signed-in person, like `authedAction` for actions:
 * the session is loaded (401 without one), the segments and the query string are parsed (400),
 * and the data layer's refusals become HTTP answers (403, 404, 400, 409). The handler only reads
 * and shapes; the data layer checks the permission and the county for the actor.
 */
export function authedRoute<P extends Schema = undefined, Q extends Schema = undefined>(
  options: RouteOptions<P, Q>,
  handle: (request: RouteRequest<Parsed<P>, Parsed<Q>>) => Promise<Response>,
) {
  return async (request: Request, context?: { params: Promise<unknown> }): Promise<Response> => {
    let actor: SessionActor | null;
    try {
      actor = await getActor();
    } catch (error) {
      // The database did not answer the session check: try again later, still signed in.
      if (error instanceof SessionUncheckedError)
        return Response.json({ error: 'unavailable' }, { status: 503, headers: { 'Retry-After': '2' } });
      throw error;
    }
    if (!actor) return refuse('unauthenticated', options.messages);
    const segments = await context?.params;
    const searchParams = new URL(request.url).searchParams;
    const unstorable = unstorableParameter(segments, searchParams);
    if (unstorable) return unstorable;
    const params = parse(options.params as P, segments);
    if (!params.ok) return invalidParameter(params.error);
    const query = parse(options.searchParams as Q, Object.fromEntries(searchParams));
    if (!query.ok) return invalidParameter(query.error);
    try {
      return await handle({ request, actor, params: params.data, query: query.data });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return options.refusal?.(error) ?? refuseAppError(error, options.messages);
    }
  };
}
