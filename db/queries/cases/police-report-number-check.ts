import 'server-only';
import { and, asc, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/index';
import { cases, POLICE_REPORT_NUMBER_FORMAT } from '@/db/schema';

export type UnfitPoliceReportNumber = { id: string; reference: string; countyCode: string; policeReportNumber: string };

/**
 * The stored police report numbers that do not fit the police's format: those written before
 * migration 0009 made the database check it (NOT VALID, so they stayed). Deleted cases too. For
 * the operator (`npm run db:check`), not for a person's request: no actor, every county.
 */
export async function findUnfitPoliceReportNumbers(db: Db): Promise<UnfitPoliceReportNumber[]> {
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      countyCode: cases.countyCode,
      policeReportNumber: cases.policeReportNumber,
    })
    .from(cases)
    .where(
      and(
        isNotNull(cases.policeReportNumber),
        sql`${cases.policeReportNumber} !~ ${sql.raw(`'${POLICE_REPORT_NUMBER_FORMAT}'`)}`,
      ),
    )
    .orderBy(asc(cases.reference));
  return rows as UnfitPoliceReportNumber[];
}
