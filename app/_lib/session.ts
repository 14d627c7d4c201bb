import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { auth } from '@/auth';
import { isAppError } from '@/db/errors';
import type { Actor } from '@/db/policy';

export type SessionActor = Actor & { name: string; email: string };

export async function getActor(): Promise<SessionActor | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const { id, role, county, name, email } = session.user;
  return { id, role, county: county ?? null, name, email };
}

/** For pages behind sign-in: the person, or a redirect to the sign-in page. */
export async function requireActor(): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  return actor;
}

/** Run a data-layer read for a page; its refusals become the 404 and 403 pages. */
export async function loadForPage<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    throw error;
  }
}
