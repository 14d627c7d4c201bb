// npm run stats:sql > drizzle/NNNN_statistics_triggers.sql — the trigger SQL for a new custom migration;
// npm run stats:sql -- persons > drizzle/NNNN_person_figures_triggers.sql — the person rollups' (decision 014).
import { personTriggersSql } from './person-sql';
import { statisticsTriggersSql } from './rollup-sql';

process.stdout.write(process.argv[2] === 'persons' ? personTriggersSql() : statisticsTriggersSql());
