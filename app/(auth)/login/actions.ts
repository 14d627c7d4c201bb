'use server';

import { headers } from 'next/headers';
import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { publicAction } from '@/app/_lib/action';
import { ssoConfig } from '@/lib/sso';
import { signIn } from '@/auth';
import { SignInSchema } from '@/lib/schemas/sign-in';

/**
 * Only addresses inside the app: an open redirect would make the sign-in page a phishing tool.
 * Auth.js hands us an absolute URL on our own host; anything on another host goes to the start page.
 */
function safeCallbackUrl(url: string | undefined, host: string | null): string {
  try {
    const parsed = new URL(url ?? '/', `http://${host ?? 'localhost'}`);
    if (parsed.host !== host || parsed.pathname.startsWith('//')) return '/';
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}

/** The refusals the form explains; everything else is the one message for every first-step refusal. */
const REFUSALS: Record<string, string> = {
  code_required: 'login.codeRequired',
  code_failed: 'login.codeFailed',
  rate_limited: 'login.rateLimited',
};

export const signInAction = publicAction(SignInSchema, async ({ email, password, code, callbackUrl }) => {
  try {
    // On success this throws Next's redirect, which the client follows.
    await signIn('credentials', {
      email,
      password,
      ...(code ? { code } : {}),
      redirectTo: safeCallbackUrl(callbackUrl, (await headers()).get('host')),
    });
  } catch (error) {
    // Unknown address, wrong password, inactive and locked accounts get the same answer.
    if (error instanceof AuthError) {
      const reason = error instanceof CredentialsSignin ? error.code : 'failed';
      return { ok: false, error: REFUSALS[reason] ?? 'login.failed', reason };
    }
    throw error;
  }
  return { ok: true, data: undefined };
});

export const ssoSignInAction = publicAction(
  z.object({ callbackUrl: z.string().max(2048).optional() }),
  async ({ callbackUrl }) => {
    if (!ssoConfig()) return { ok: false, error: 'login.ssoUnavailable' };
    await signIn('oidc', { redirectTo: safeCallbackUrl(callbackUrl, (await headers()).get('host')) });
    return { ok: true, data: undefined };
  },
);
