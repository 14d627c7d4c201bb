import { sql } from 'drizzle-orm';
import { databaseDriver, getDb } from '@/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = databaseDriver();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database });
  } catch {
    return Response.json({ status: 'unavailable', database }, { status: 503 });
  }
}
