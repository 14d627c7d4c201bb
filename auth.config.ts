// The part of the Auth.js configuration that needs no database, so that proxy.ts can use it.
// The proxy only redirects optimistically; auth.ts checks every session against the database
// (active, session version) and every query authorises again in db/.
import type { NextAuthConfig } from 'next-auth';
import type { ActorRegion } from './lib/policy';
import type { Role } from './lib/roles';

function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Sessions end this long after sign-in, however active the person is (SESSION_ABSOLUTE_SECONDS for tests). */
export const SESSION_MAX_AGE_SECONDS = seconds('SESSION_ABSOLUTE_SECONDS', 8 * 60 * 60);

/**
 * …and this long after the last request (SESSION_IDLE_SECONDS for tests). Auth.js re-signs the
 * session cookie with a new expiry on every request the proxy sees, so the cookie's and the
 * token's expiry is the idle limit.
 */
export const SESSION_IDLE_SECONDS = seconds('SESSION_IDLE_SECONDS', 30 * 60);

/** The warning dialog opens this long before the idle limit. */
export const SESSION_WARNING_SECONDS = Math.min(
  seconds('SESSION_WARNING_SECONDS', 3 * 60),
  Math.floor((SESSION_IDLE_SECONDS * 2) / 3),
);

/** What a signed-in person must do before anything else. */
export type PendingStep = 'change_password' | 'set_up_two_factor';

export const authConfig = {
  pages: { signIn: '/login', error: '/login' },
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
  providers: [],
  callbacks: {
    jwt({ token, user, account }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.county = user.county;
        token.sv = user.sessionVersion;
        token.method = account?.provider === 'credentials' || !account ? 'password' : 'sso';
        token.signedInAt = Math.floor(Date.now() / 1000);
        // This session's id: signing out records it as ended (auth.ts).
        token.sid = crypto.randomUUID();
      }
      // Auth.js renews the token while it is used; the absolute limit counts from sign-in.
      if (typeof token.signedInAt !== 'number' || Date.now() / 1000 - token.signedInAt > SESSION_MAX_AGE_SECONDS)
        return null;
      if (typeof token.sv !== 'number' || typeof token.sid !== 'string') return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.role = token.role;
      session.user.county = token.county;
      session.user.region = token.region ?? null;
      session.user.pending = token.pending ?? null;
      session.user.locale = token.locale ?? null;
      if (token.unchecked) session.unchecked = true;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module 'next-auth' {
  interface User {
    role: Role;
    county: string | null;
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      email: string;
      role: Role;
      county: string | null;
      region: ActorRegion | null;
      pending: PendingStep | null;
      locale: 'sv' | 'en' | null;
    };
    /** The database could not be asked about this session (auth.ts): nothing may rely on it. */
    unchecked?: true;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role: Role;
    county: string | null;
    /** The region and its counties, filled in from the database on each request (auth.ts). */
    region?: ActorRegion | null;
    signedInAt: number;
    /** users.session_version at sign-in. */
    sv: number;
    /** The session's own id, for ending this one session at sign-out. */
    sid: string;
    method: 'password' | 'sso';
    /** Filled in from the database on each request (auth.ts), never trusted from the cookie. */
    pending?: PendingStep | null;
    locale?: 'sv' | 'en' | null;
    /** Set while the database cannot be asked about the session (auth.ts). */
    unchecked?: true;
  }
}
