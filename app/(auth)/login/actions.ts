'use server';

import { AuthError } from 'next-auth';
import { publicAction } from '@/app/_lib/action';
import { signIn } from '@/auth';
import { SignInSchema } from './schema';

/**
 * Only paths inside the app: an open redirect would make the sign-in page a phishing tool.
 * Auth.js hands us an absolute URL on our own host; whatever the URL, keep only its path.
 */
function safeCallbackUrl(url: string | undefined): string {
  try {
    const { pathname, search } = new URL(url ?? '/', 'http://placeholder.invalid');
    return pathname.startsWith('//') ? '/' : `${pathname}${search}`;
  } catch {
    return '/';
  }
}

export const signInAction = publicAction(SignInSchema, async ({ email, password, callbackUrl }) => {
  try {
    // On success this throws Next's redirect, which the client follows.
    await signIn('credentials', { email, password, redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (error) {
    // Unknown address, wrong password, inactive and locked accounts get the same answer.
    if (error instanceof AuthError) return { ok: false, error: 'login.failed' };
    throw error;
  }
  return { ok: true, data: undefined };
});
