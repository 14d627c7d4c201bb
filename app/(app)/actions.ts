'use server';

import { signOut } from '@/auth';

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}

/** The idle timer in the browser ran out: end the session on the server too. */
export async function signOutIdleAction(): Promise<void> {
  await signOut({ redirectTo: '/login?reason=idle' });
}
