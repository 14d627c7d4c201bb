// npm run stats:sql > drizzle/NNNN_statistics_triggers.sql — the trigger SQL for a new custom migration.
import { statisticsTriggersSql } from './rollup-sql';

process.stdout.write(statisticsTriggersSql());
