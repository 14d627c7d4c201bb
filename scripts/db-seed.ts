// npm run db:seed [-- --demo] — load the counties; with --demo also the demo accounts and data.
// --e2e adds the browser tests' own accounts (used by scripts/e2e-server.mjs).
import { getDb } from '@/db';
import { printDemoAccounts, seedDemo } from '@/db/seed/demo';
import { seedE2eAccounts } from '@/db/seed/e2e';
import { describeDatabase, flag, runCli } from './cli';

void runCli(async () => {
  const db = await getDb(); // migrates and loads the 21 counties
  console.log(`Counties loaded into ${describeDatabase()}.`);
  if (flag('demo')) {
    const created = await seedDemo();
    console.log(`Demo data: ${created} account(s) created.`);
    printDemoAccounts();
  }
  if (flag('e2e')) await seedE2eAccounts(db);
});
