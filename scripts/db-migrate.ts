// npm run db:migrate — apply the migrations in drizzle/ (the app also does this at start-up).
import { getDb } from '@/db';
import { describeDatabase, runCli } from './cli';

void runCli(async () => {
  await getDb();
  console.log(`Migrations applied to ${describeDatabase()}.`);
});
