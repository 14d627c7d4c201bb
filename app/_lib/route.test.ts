// The route wrapper's answers, without a server: the session is the one thing replaced (it needs
// a request's cookies); everything after it is the real code.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { authedRoute } from './route';
import type { SessionActor } from './session';

// One holder on globalThis for every test file that replaces the session: the files share one
// module cache (vitest.config.ts: isolate false), so whichever file mocks it first serves all.
const session = vi.hoisted(() => {
  const holder = globalThis as { testSession?: { actor: SessionActor | null } };
  return (holder.testSession ??= { actor: null });
});
vi.mock('./session', () => ({ getActor: async () => session.actor, currentSession: async () => session.actor }));

const ACTOR: SessionActor = { id: 'u1', role: 'county_staff', county: '01', name: 'Anna', email: 'anna@example.se' };
const request = (query = '') => new Request(`http://localhost/api/probe${query}`);
const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const answer = async (response: Response) => ({ status: response.status, body: await response.json() });

beforeEach(() => {
  session.actor = ACTOR;
});

describe('authedRoute', () => {
  it('answers 401 to a request without a session, before the handler runs', async () => {
    session.actor = null;
    const handle = vi.fn();
    expect(await answer(await authedRoute({}, handle)(request()))).toEqual({
      status: 401,
      body: { error: 'unauthenticated' },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('gives the handler the person, the parsed segments and the parsed query string', async () => {
    const GET = authedRoute(
      { params: z.object({ id: z.string() }), searchParams: z.object({ n: z.coerce.number() }) },
      async ({ actor, params, query }) => Response.json({ actor: actor.id, id: params.id, n: query.n }),
    );
    expect(await answer(await GET(request('?n=3'), context({ id: 'g1' })))).toEqual({
      status: 200,
      body: { actor: 'u1', id: 'g1', n: 3 },
    });
  });

  it('answers 400 naming the parameter that its schema refuses', async () => {
    const GET = authedRoute({ searchParams: z.object({ n: z.coerce.number().int() }) }, async () => new Response());
    const { status, body } = await answer(await GET(request('?n=x')));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_parameter', parameter: 'n' });
  });

  it('answers 400 to a NUL in the query string or in a segment, before any schema or the handler', async () => {
    const handle = vi.fn();
    const GET = authedRoute(
      { params: z.object({ id: z.string() }), searchParams: z.object({ q: z.string() }) },
      handle,
    );
    expect(await answer(await GET(request('?q=a%00b'), context({ id: 'g1' })))).toMatchObject({
      status: 400,
      body: { error: 'invalid_parameter', parameter: 'q' },
    });
    expect(await answer(await GET(request('?q=a'), context({ id: 'g\u0000' })))).toMatchObject({
      status: 400,
      body: { error: 'invalid_parameter', parameter: 'id' },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it.each([
    ['forbidden', 403, { error: 'forbidden' }],
    ['not_found', 404, { error: 'not_found' }],
    ['invalid', 400, { error: 'invalid', reason: 'period_not_allowed' }],
    ['conflict', 409, { error: 'conflict', reason: 'period_not_allowed' }],
  ] as const)('turns the data layer refusal %s into %i', async (code, status, body) => {
    const GET = authedRoute({}, async () => {
      throw new AppError(code, 'period_not_allowed');
    });
    expect(await answer(await GET(request()))).toEqual({ status, body });
  });

  it("adds the route's sentences and lets the route answer a refusal in its own words first", async () => {
    const GET = authedRoute(
      {
        messages: { forbidden: 'You may not read these statistics.' },
        refusal: (error) => (error.code === 'invalid' ? Response.json({ error: 'own' }, { status: 400 }) : null),
      },
      async ({ request }) => {
        throw new AppError(new URL(request.url).search ? 'invalid' : 'forbidden');
      },
    );
    expect(await answer(await GET(request()))).toEqual({
      status: 403,
      body: { error: 'forbidden', message: 'You may not read these statistics.' },
    });
    expect(await answer(await GET(request('?x')))).toEqual({ status: 400, body: { error: 'own' } });
  });

  it('lets an unexpected error through (a 500, logged by Next)', async () => {
    const GET = authedRoute({}, async () => {
      throw new Error('boom');
    });
    await expect(GET(request())).rejects.toThrow('boom');
  });
});
