import { getDbHandle } from '@/db';
import { seedDemoIfEmpty } from '@/db/seed/demo';

/**
 * Refuse to run without a secret where one is required, then open the database (migrations,
 * counties, the embedded database's demo) before the first request arrives.
 */
export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && process.env.DATABASE_URL && !process.env.AUTH_SECRET) {
    console.error(
      'Lägesbild refuses to start: AUTH_SECRET must be set when NODE_ENV=production and DATABASE_URL is set (generate one with `openssl rand -base64 33`).',
    );
    process.exit(1);
  }
  const { db, driver } = await getDbHandle();
  if (driver === 'pglite') await seedDemoIfEmpty(db);
  console.log(`Lägesbild: database ready (${driver}).`);
}
