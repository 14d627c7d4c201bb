// The part of the Auth.js configuration that needs no database, so that proxy.ts can use it.
// The proxy only redirects optimistically; every query authorises again in db/.
import type { NextAuthConfig } from 'next-auth';
import type { Role } from './db/roles';

/** Sessions end this long after sign-in, however active the person is. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const PUBLIC_PATHS = ['/login', '/api/health'];

export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return true;
      if (auth?.user) return true;
      if (pathname.startsWith('/api/')) return Response.json({ error: 'unauthenticated' }, { status: 401 });
      return false; // → the sign-in page, with callbackUrl
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.county = user.county;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      // Auth.js renews the token while it is used; the absolute limit counts from sign-in.
      if (typeof token.signedInAt !== 'number' || Date.now() / 1000 - token.signedInAt > SESSION_MAX_AGE_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.role = token.role;
      session.user.county = token.county;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module 'next-auth' {
  interface User {
    role: Role;
    county: string | null;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; county: string | null };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role: Role;
    county: string | null;
    signedInAt: number;
  }
}
