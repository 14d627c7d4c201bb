import 'server-only';
import { and, asc, eq, isNull, ne, not, sql } from 'drizzle-orm';
import { normalisePoliceReportNumber, UUID_PATTERN } from '@/lib/schemas/cases';
import { AppError } from '@/lib/errors';
import { can, countyScope, type Actor } from '@/lib/policy';
import { getDb } from '@/db/index';
import { cases } from '@/db/schema';
import { countyIn } from '../_shared/scope';

/**
 * Other live cases with the same police report number, for a warning while registering or
 * editing. Looks in every county, but gives id and reference only for cases the actor may read;
 * for the rest only whether there are any.
 */
export async function findPoliceReportDuplicates(
  actor: Actor,
  policeReportNumber: string,
  excludeCaseId?: string,
): Promise<{ sameCounty: { id: string; reference: string }[]; otherCounty: boolean }> {
  if (!can(actor, 'case.create') && !can(actor, 'case.update'))
    throw new AppError('forbidden', `${actor.role} may not register or edit cases`);
  const number = normalisePoliceReportNumber(policeReportNumber ?? '');
  if (!number) return { sameCounty: [], otherCounty: false };
  const db = await getDb();
  const readable = countyIn(cases.countyCode, countyScope(actor, 'case.read'));
  const base = and(
    eq(cases.policeReportNumber, number),
    isNull(cases.deletedAt),
    excludeCaseId && UUID_PATTERN.test(excludeCaseId) ? ne(cases.id, excludeCaseId) : undefined,
  );
  const [sameCounty, [elsewhere]] = await Promise.all([
    db
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(and(base, readable))
      .orderBy(asc(cases.reference))
      .limit(50),
    db
      .select({ one: sql<number>`1` })
      .from(cases)
      .where(and(base, not(readable)))
      .limit(1),
  ]);
  return { sameCounty, otherCounty: elsewhere !== undefined };
}
