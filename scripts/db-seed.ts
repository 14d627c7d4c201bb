// npm run db:seed [-- --demo] — load the counties; with --demo also the demo accounts and data.
import { getDb } from '../db';
import { printDemoAccounts, seedDemo } from '../db/seed/demo';
import { describeDatabase, flag, runCli } from './cli';

void runCli(async () => {
  await getDb(); // migrates and loads the 21 counties
  console.log(`Counties loaded into ${describeDatabase()}.`);
  if (flag('demo')) {
    const created = await seedDemo();
    console.log(`Demo data: ${created} account(s) created.`);
    printDemoAccounts();
  }
});
