import 'server-only';
import type { Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import type { ExportedEntity } from '@/lib/audit-events';
import type { Db } from '@/db/index';

/**
 * An export's rows, at most `cap` of them (the query fetched one more to tell), and its audit
 * row: `<entityType>.export` with the filter as asked (without paging), the row count and whether
 * it was cut off.
 */
export async function auditedExport<T>(
  db: Db,
  actor: Actor,
  export_: { entityType: ExportedEntity; filter: Record<string, unknown>; cap: number },
  fetched: readonly T[],
): Promise<{ rows: T[]; truncated: boolean }> {
  const truncated = fetched.length > export_.cap;
  const rows = fetched.slice(0, export_.cap);
  await writeAudit(db, {
    actorId: actor.id,
    action: `${export_.entityType}.export`,
    entityType: export_.entityType,
    countyCode: actor.county,
    changes: { filter: export_.filter, rowCount: rows.length, truncated },
  });
  return { rows, truncated };
}
