import 'server-only';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import type { PendingStep } from '@/auth.config';
import { isAppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';

export type SessionActor = Actor & { name: string; email: string };
export type SignedInPerson = SessionActor & { pending: PendingStep | null; locale: 'sv' | 'en' | null };

/**
 * The session could not be checked against the database (auth.ts): the request fails (an error
 * page; 503 from a route), the person stays signed in, and the next request checks again.
 */
export class SessionUncheckedError extends Error {
  constructor() {
    super('session_unchecked');
    this.name = 'SessionUncheckedError';
  }
}

/** The session of this request, read (and checked against the database, auth.ts) once. */
export const currentSession = cache(async (): Promise<SignedInPerson | null> => {
  const session = await auth();
  if (session?.unchecked) throw new SessionUncheckedError();
  if (!session?.user?.id) return null;
  const { id, role, county, region, name, email, pending, locale } = session.user;
  return {
    id,
    role,
    county: county ?? null,
    region: region ?? null,
    name,
    email,
    pending: pending ?? null,
    locale: locale ?? null,
  };
});

/** Where a person who must do something first is sent. */
export const PENDING_PATHS: Record<PendingStep, string> = {
  change_password: '/account/password',
  set_up_two_factor: '/account/two-factor',
};

function actorOf(person: SignedInPerson): SessionActor {
  const { id, role, county, region, name, email } = person;
  return { id, role, county, region, name, email };
}

/**
 * The signed-in person, or null. Someone who must first change their password or set up
 * two-factor sign-in counts as not signed in everywhere but on those pages.
 */
export async function getActor(): Promise<SessionActor | null> {
  const person = await currentSession();
  return person && !person.pending ? actorOf(person) : null;
}

/**
 * To the sign-in page, and back here afterwards. The proxy lets a request through whose cookie
 * looks valid; a page that finds the session ended (signed out, deactivated…) comes here.
 */
async function redirectToSignIn(): Promise<never> {
  const path = (await headers()).get('x-lagesbild-path');
  redirect(
    path && path.startsWith('/') && !path.startsWith('//')
      ? `/login?callbackUrl=${encodeURIComponent(path)}`
      : '/login',
  );
}

/** For pages behind sign-in: the person, or a redirect to the sign-in page (or to what they must do first). */
export async function requireActor(): Promise<SessionActor> {
  const person = await currentSession();
  if (!person) return redirectToSignIn();
  if (person.pending) redirect(PENDING_PATHS[person.pending]);
  return actorOf(person);
}

/** For the shell and the account pages, which a person with a pending step may see. */
export async function requirePerson(): Promise<SignedInPerson> {
  const person = await currentSession();
  if (!person) return redirectToSignIn();
  return person;
}

/**
 * For the account pages: the person, who may have a pending step; someone with a pending step is
 * sent to that step's page from every other one.
 */
export async function requireAccountPage(page: PendingStep | null): Promise<SignedInPerson> {
  const person = await requirePerson();
  if (person.pending && person.pending !== page) redirect(PENDING_PATHS[person.pending]);
  return person;
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
