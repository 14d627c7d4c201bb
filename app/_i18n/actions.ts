'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { publicAction } from '@/app/_lib/action';
import { currentSession } from '@/app/_lib/session';
import { setOwnLocale } from '@/db/queries/users/account';
import { LOCALE_COOKIE, LOCALES } from '@/lib/locales';

/**
 * Choose the language: on the account of a signed-in person (it follows them to any device) and
 * in a cookie (so that the sign-in page speaks it too). Open before sign-in, for that page.
 */
export const setLocaleAction = publicAction(z.object({ locale: z.enum(LOCALES) }), async ({ locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    httpOnly: true,
  });
  const person = await currentSession();
  if (person) await setOwnLocale(person, locale);
  return { ok: true, data: undefined };
});
