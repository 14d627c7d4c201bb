import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../fixtures';

// Server actions and routes called over HTTP, as a browser (or an attacker) does, from what the
// build says exists: .next/server/server-reference-manifest.json lists every action (its id, file,
// export name and the pages that carry it), .next/app-path-routes-manifest.json every route.

export type ManifestAction = { id: string; file: string; name: string; path: string };

const nextDir = path.join(process.cwd(), '.next');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(nextDir, file), 'utf8')) as T;

/** Every route of the build: '/cases/[id]/edit', '/api/export/cases.csv', … */
export function manifestRoutes(): string[] {
  const routes = readJson<Record<string, string>>('app-path-routes-manifest.json');
  return [...new Set(Object.values(routes))].sort();
}

/** A route's address with its dynamic segments filled in. */
export function routePath(route: string, segment: (name: string) => string): string {
  return route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => segment(name));
}

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every server action of the build, with the address of a page that carries it. */
export function manifestActions(): ManifestAction[] {
  const manifest = readJson<{
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  }>('server/server-reference-manifest.json');
  const routes = readJson<Record<string, string>>('app-path-routes-manifest.json');
  return Object.entries(manifest.node)
    .map(([id, entry]) => {
      // A page without dynamic segments where there is one; the segments never matter to an action.
      const pages = Object.keys(entry.workers)
        .map((worker) => routes[worker.replace(/^app/, '')])
        .filter((route): route is string => Boolean(route))
        .sort((a, b) => Number(a.includes('[')) - Number(b.includes('[')) || a.length - b.length);
      if (!pages[0]) throw new Error(`no page carries the action ${entry.exportedName}`);
      return { id, file: entry.filename, name: entry.exportedName, path: routePath(pages[0], () => SOME_ID) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The body React's encodeReply sends for JSON arguments (react-server-dom's processReply): the
 * argument list as JSON, a string that starts with '$' escaped as '$$', undefined as '$undefined'
 * and the numbers JSON has no word for as '$NaN', '$Infinity', '$-Infinity', '$-0'.
 */
export function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, function (this: unknown, _key, value: unknown) {
    if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
    if (value === undefined) return '$undefined';
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return '$NaN';
      if (value === Infinity) return '$Infinity';
      if (value === -Infinity) return '$-Infinity';
      if (Object.is(value, -0)) return '$-0';
    }
    if (typeof value === 'bigint') return `$n${value.toString(10)}`;
    return value;
  });
}

export type ActionAnswer = {
  status: number;
  /** The action's return value (an ActionResult), when it returned one. */
  result?: { ok: boolean; data?: unknown; error?: string; details?: Record<string, unknown> };
  /** The digest of an error the action threw (Next.js shows the client nothing else). */
  digest?: string;
  text: string;
};

/** The action's own answer in the Flight payload: row 1 (row 0 points at it) is its value or its error. */
function parseFlight(text: string): Pick<ActionAnswer, 'result' | 'digest'> {
  const row = /^1:(E?)(.*)$/m.exec(text);
  if (!row) return {};
  try {
    const value = JSON.parse(row[2]!) as Record<string, unknown>;
    return row[1] ? { digest: String(value.digest ?? '') } : { result: value as ActionAnswer['result'] };
  } catch {
    return {};
  }
}

/** Call a server action as the browser does: POST to a page that carries it, with its id in `Next-Action`. */
export async function callAction(
  api: APIRequestContext,
  baseURL: string,
  action: Pick<ManifestAction, 'id' | 'path'>,
  body: string,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const res = await api.post(action.path, {
    headers: {
      'next-action': action.id,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: baseURL,
      ...headers,
    },
    data: body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const text = await res.text();
  return { status: res.status(), text, ...parseFlight(text) };
}

/** A signed-in API client (the README's "Signing in from a script": Auth.js's own endpoints). */
export async function signedInClient(baseURL: string, email: string, password = DEMO_PASSWORD) {
  const api = await request.newContext({ baseURL });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password }, maxRedirects: 0 });
  const session = (await (await api.get('/api/auth/session')).json()) as { user?: { email?: string } } | null;
  if (session?.user?.email !== email) throw new Error(`could not sign in as ${email}`);
  return api;
}
