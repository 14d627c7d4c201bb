import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from 'next/server';
import { refuseActionBody, refuseRequest } from './lib/request-guard';
import { contentSecurityPolicy, HSTS_VALUE, STATIC_SECURITY_HEADERS, wantsHsts } from './lib/security-headers';
import { ssoConfig } from './lib/sso';
import { authConfig } from './auth.config';

// Every request but static files passes here. First what Next itself would answer with a 500:
// a path it cannot decode, a NUL, a body over the limit, a mutation from another origin
// (lib/request-guard.ts) get their 4xx. Then, for all but /api/auth: a Content-Security-Policy
// with a fresh nonce, the other security headers, and an optimistic redirect to the sign-in page.
// The data layer authorises every read and write again; auth.ts checks the session against the
// database (this file cannot: it runs without it).
const { auth } = NextAuth(authConfig);

const PUBLIC_PATHS = ['/login', '/api/health'];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

const sso = ssoConfig();
const ssoOrigin = (() => {
  try {
    return sso ? new URL(sso.issuer).origin : null;
  } catch {
    return null;
  }
})();

function secure(response: Response, request: NextRequest, csp: string): Response {
  response.headers.set('Content-Security-Policy', csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  if (wantsHsts(process.env, request.nextUrl.protocol, request.headers.get('x-forwarded-proto')))
    response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}

const withAuth = auth((request) => {
  const nonce = btoa(crypto.randomUUID());
  const https = wantsHsts(process.env, request.nextUrl.protocol, request.headers.get('x-forwarded-proto'));
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === 'development',
    https,
    formActions: ssoOrigin ? [ssoOrigin] : [],
  });
  const { pathname } = request.nextUrl;

  if (!request.auth?.user && !isPublic(pathname)) {
    if (pathname.startsWith('/api/'))
      return secure(Response.json({ error: 'unauthenticated' }, { status: 401 }), request, csp);
    const signInUrl = request.nextUrl.clone();
    signInUrl.pathname = '/login';
    signInUrl.search = '';
    signInUrl.searchParams.set('callbackUrl', request.nextUrl.href);
    return secure(NextResponse.redirect(signInUrl), request, csp);
  }

  // Next.js takes the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Where a page that finds the session ended server-side sends the person after signing in again.
  requestHeaders.set('x-lagesbild-path', `${pathname}${request.nextUrl.search}`);
  requestHeaders.set('Content-Security-Policy', csp);
  // The benchmark's framework ceiling (issue 21) is served only where `npm run bench` asks for it
  // (BENCH_CEILING=1); elsewhere its address answers as any unknown one, 404 (the page's own check
  // comes after its loading state has streamed with a 200).
  if (pathname === '/overview/ceiling' && process.env.BENCH_CEILING !== '1')
    return secure(
      NextResponse.rewrite(new URL('/_benchmark-only', request.url), { request: { headers: requestHeaders } }),
      request,
      csp,
    );
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), request, csp);
});

// Auth.js types its wrapper as a route handler; as a proxy Next calls it with (request, event),
// which is what it expects there.
const authProxy = withAuth as unknown as NextMiddleware;

const AUTH_ENDPOINTS = '/api/auth/';

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const authEndpoint = request.nextUrl.pathname.startsWith(AUTH_ENDPOINTS);
  const refusal = refuseRequest(request, { authEndpoint }) ?? (await refuseActionBody(request));
  if (refusal) return Response.json({ error: refusal.error, message: refusal.message }, { status: refusal.status });
  // Auth.js's own endpoints answer for themselves (and keep their CSRF-token check).
  if (authEndpoint) return NextResponse.next();
  return authProxy(request, event);
}

// public/'s files (icons, web manifest) are the same for everyone and need no session: a signed-out
// browser asks for them on the sign-in page too.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico$|icon\\.svg$|icon-\\d+\\.png$|manifest\\.webmanifest$).*)'],
};
