// npm run db:check — what a migration could not fix by itself: stored values that the database
// now refuses for new rows but kept for old ones (NOT VALID constraints). Lists them and exits 1
// when there are any, so that an operator (or a CI step after an upgrade) sees them.
import { getDb } from '@/db';
import { findUnfitPoliceReportNumbers } from '@/db/queries/cases/police-report-number-check';
import { describeDatabase, runCli } from './cli';

void runCli(async () => {
  const db = await getDb();
  const unfit = await findUnfitPoliceReportNumbers(db);
  if (unfit.length === 0) {
    console.log(`${describeDatabase()}: every stored police report number fits the format (5000-K123456-25).`);
    return;
  }
  console.log(
    `${describeDatabase()}: ${unfit.length} police report number(s) do not fit the format 5000-K123456-25.` +
      ' The cases stay readable; correct each number (edit the case) before the case changes again:',
  );
  for (const c of unfit)
    console.log(`  ${c.reference}  (county ${c.countyCode})  ${JSON.stringify(c.policeReportNumber)}`);
  process.exitCode = 1;
});
