import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { SignInSchema } from '@/lib/schemas/sign-in';
import { clientAddress } from '@/lib/client-address';
import { log } from '@/db/log';
import { ssoConfig } from '@/lib/sso';
import { authConfig, SESSION_MAX_AGE_SECONDS, type PendingStep } from './auth.config';
import { endSession, loadSessionState, type SessionState } from '@/db/queries/auth/sessions';
import { signInWithPassword, signInWithVerifiedEmail } from '@/db/queries/auth/sign-in';

/** Sign-in refusals the form explains: each carries its code to the server action. */
class SignInRefused extends CredentialsSignin {
  constructor(code: 'failed' | 'code_required' | 'code_failed' | 'rate_limited') {
    super();
    this.code = code;
  }
}

function pendingStep(state: SessionState, method: 'password' | 'sso'): PendingStep | null {
  // Single sign-on leaves passwords and second factors to the identity provider (decision 008).
  if (method === 'sso') return null;
  if (state.mustChangePassword) return 'change_password';
  if (state.totpRequired && !state.totpEnabled) return 'set_up_two_factor';
  return null;
}

const sso = ssoConfig();

/** Auth.js's errors that a request causes (an address, a form or a check it cannot use); a plain Error (not a TypeError or the like): an unknown provider. */
const REQUEST_ERRORS = new Set([
  'UnknownAction',
  'InvalidCallbackUrl',
  'MissingCSRF',
  'InvalidCheck',
  'InvalidProvider',
  'Error',
]);

/** Exported for the integration tests, which run the session callback against the database. */
export const authOptions = {
  ...authConfig,
  logger: {
    // Auth.js logs a CredentialsSignin for every wrong password: the sign-in code logs those itself.
    // Its messages quote the request (a path, a provider id, a callback address), so only the type
    // is logged, and the cause's (a database error keeps its code). What the request itself got
    // wrong is a warning: it says nothing about the server.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      const type = error instanceof AuthError ? error.type : error.name;
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      const entry = { event: 'auth_error', authError: type, ...(cause instanceof Error ? { err: cause } : {}) };
      if (REQUEST_ERRORS.has(type)) log.warn(entry, 'Auth.js refused a request');
      else log.error(entry, 'Auth.js error');
    },
    warn(code) {
      log.warn({ event: 'auth_warning', warning: code }, 'Auth.js warning');
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
      async authorize(credentials, request) {
        const parsed = SignInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused('failed');
        const address = clientAddress(request.headers);
        const result = await signInWithPassword({ ...parsed.data, clientAddress: address });
        log.info({
          event: 'sign_in',
          outcome: result.status,
          ...(result.status === 'ok' ? { userId: result.user.id, factor: result.factor } : {}),
          clientAddress: address,
        });
        if (result.status === 'ok') return result.user;
        throw new SignInRefused(result.status);
      },
    }),
    ...(sso
      ? [
          {
            id: sso.id,
            name: sso.name,
            type: 'oidc' as const,
            issuer: sso.issuer,
            clientId: sso.clientId,
            clientSecret: sso.clientSecret,
            checks: ['pkce' as const, 'state' as const, 'nonce' as const],
            authorization: { params: { scope: 'openid email profile' } },
          },
        ]
      : []),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ user, account, profile }) {
      if (account?.provider !== 'oidc') return true;
      // Only an address the provider has verified, and only an existing active account: no self-registration.
      const email = typeof profile?.email === 'string' ? profile.email : null;
      const verified =
        profile?.email_verified === true || (sso?.trustEmail === true && profile?.email_verified === undefined);
      const found = email && verified ? await signInWithVerifiedEmail(email, sso?.name ?? 'oidc') : null;
      log.info({
        event: 'sign_in',
        outcome: found ? 'ok' : 'sso_refused',
        factor: 'sso',
        ...(found ? { userId: found.id } : {}),
      });
      if (!found) return '/login?error=sso_no_account';
      // The token is built from this object (auth.config.ts jwt): make it the account here.
      Object.assign(user, {
        id: found.id,
        name: found.name,
        email: found.email,
        role: found.role,
        county: found.county,
        sessionVersion: found.sessionVersion,
      });
      return true;
    },
    /**
     * On every request that reads the session on the server: the account must still be active, its
     * session version unchanged (deactivation, role, county or region change, password reset end every
     * session at once) and this session not signed out; what the person must do first is read
     * fresh, never from the cookie.
     */
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token?.sub) return null;
      let state: SessionState | null;
      try {
        state = await loadSessionState(token.sub, token.sid);
      } catch (error) {
        // The database did not answer. Auth.js takes a throw (or null) here for a broken session
        // and deletes the cookie: a database restart would sign everyone out. Keep the session,
        // marked unchecked: app/_lib/session.ts answers such a request with an error (503 for an
        // API), never with what the person may see, and the next request checks it again.
        log.warn({ event: 'session_check_failed', err: error }, 'Session could not be checked');
        token.unchecked = true;
        return token;
      }
      delete token.unchecked;
      if (!state || !state.active || state.ended || state.sessionVersion !== token.sv) return null;
      token.name = state.name;
      token.email = state.email;
      token.role = state.role;
      token.county = state.county;
      token.region = state.region;
      token.locale = state.locale;
      token.pending = pendingStep(state, token.method);
      return token;
    },
  },
  events: {
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (token?.sub && typeof token.sid === 'string') await endSession(token.sub, token.sid, SESSION_MAX_AGE_SECONDS);
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authOptions);
