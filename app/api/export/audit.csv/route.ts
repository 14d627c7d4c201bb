import { getFormatter, getTranslations } from 'next-intl/server';
import { authedRoute } from '@/app/_lib/route';
import { AuditFilterSchema, toAuditFilter } from '@/lib/schemas/audit-log';
import { exportAuditEntriesForActor, type AuditRow } from '@/db/queries/audit-log';
import { exportResponse, type Column } from '../_lib/tabular';

export const dynamic = 'force-dynamic';

/** GET /api/export/audit.csv?<the viewer's filters>: admins and the national coordinator; the export is audited. */
export const GET = authedRoute({ searchParams: AuditFilterSchema }, async ({ actor, query }) => {
  const { rows } = await exportAuditEntriesForActor(actor, toAuditFilter(query));
  const [t, format] = await Promise.all([getTranslations('admin.audit'), getFormatter()]);
  const columns: Column<AuditRow>[] = [
    { header: t('csv.id'), value: (r) => r.id },
    { header: t('csv.at'), value: (r) => r.at.toISOString() },
    { header: t('csv.atLocal'), value: (r) => format.dateTime(r.at, 'dateTimeSeconds') },
    { header: t('csv.person'), value: (r) => r.actorName },
    { header: t('csv.email'), value: (r) => r.actorEmail },
    { header: t('csv.action'), value: (r) => r.action },
    { header: t('csv.entity'), value: (r) => r.entityType },
    { header: t('csv.entityId'), value: (r) => r.entityId },
    { header: t('csv.county'), value: (r) => r.countyCode },
    { header: t('csv.fields'), value: (r) => r.fields.join(', ') },
    { header: t('csv.changes'), value: (r) => (r.changes ? JSON.stringify(r.changes) : null) },
  ];
  return exportResponse('csv', t('csv.fileName'), columns, rows);
});
