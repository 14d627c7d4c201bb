import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb } from '../index';
import { counties, type County } from '../schema';

// Counties are public reference data (names, seats, populations): no actor needed.
export async function listCounties(): Promise<County[]> {
  const db = await getDb();
  return db.select().from(counties).orderBy(asc(counties.code));
}
