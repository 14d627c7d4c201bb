'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { publicAction } from '@/app/_lib/action';
import { signIn } from '@/auth';
import { SignInSchema } from './schema';

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

export const signInAction = publicAction(SignInSchema, async ({ email, password, callbackUrl }) => {
  try {
    // On success this throws Next's redirect, which the client follows.
    await signIn('credentials', { email, password, redirectTo: safeCallbackUrl(callbackUrl, (await headers()).get('host')) });
  } catch (error) {
    // Unknown address, wrong password, inactive and locked accounts get the same answer.
    if (error instanceof AuthError) return { ok: false, error: 'login.failed' };
    throw error;
  }
  return { ok: true, data: undefined };
});
