import { sql } from 'drizzle-orm';
import { databaseDriver, getDb } from '@/db';

export const dynamic = 'force-dynamic';

/** The answer comes within this long: a database that does not answer is as unavailable as one that refuses. */
const HEALTH_TIMEOUT_MS = 1_500;

export async function GET() {
  const database = databaseDriver();
  let timer: NodeJS.Timeout | undefined;
  try {
    const check = (async () => {
      const db = await getDb();
      await db.execute(sql`select 1`);
    })();
    // The check goes on after a timeout; its failure then is nobody's to report.
    check.catch(() => {});
    await Promise.race([
      check,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS);
      }),
    ]);
    return Response.json({ status: 'ok', database });
  } catch {
    return Response.json({ status: 'unavailable', database }, { status: 503 });
  } finally {
    clearTimeout(timer);
  }
}
