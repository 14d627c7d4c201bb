import 'server-only';
import { getTranslations } from 'next-intl/server';
import { CaseFilterSchema } from '@/lib/schemas/cases';
import { getActor } from '@/app/_lib/session';
import { isAppError } from '@/lib/errors';
import { exportCasesForActor, type CaseExportRow } from '@/db/queries/cases/list';
import { exportResponse, type Column, type ExportFormat } from './tabular';

/** GET /api/export/cases.{csv,xlsx}?<the list's filters>: same access rules as the list; audited by the query. */
export async function exportCases(request: Request, format: ExportFormat): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = CaseFilterSchema.parse(params);
  try {
    const { rows } = await exportCasesForActor(actor, filter);
    const [t, tEnum] = await Promise.all([getTranslations('export.cases'), getTranslations('enums')]);
    const label = (name: string, value: string) => tEnum(`${name}.${value}` as never);
    const columns: Column<CaseExportRow>[] = [
      { header: t('reference'), value: (r) => r.reference },
      { header: t('county'), value: (r) => r.countyCode },
      { header: t('reportedOn'), value: (r) => r.reportedOn },
      { header: t('reportingBody'), value: (r) => label('reportingBody', r.reportingBody) },
      { header: t('policeReportNumber'), value: (r) => r.policeReportNumber },
      { header: t('offences'), value: (r) => r.offences.map((o) => label('offence', o)).join(', ') },
      { header: t('arena'), value: (r) => label('arena', r.arena) },
      { header: t('onlinePlatform'), value: (r) => label('yesNoUnknown', r.onlinePlatform) },
      { header: t('crossBorder'), value: (r) => label('yesNoUnknown', r.crossBorder) },
      { header: t('crimeEstablished'), value: (r) => label('crimeEstablished', r.crimeEstablished) },
      { header: t('coercionDegree'), value: (r) => label('coercionDegree', r.coercionDegree) },
      { header: t('controlMethods'), value: (r) => r.controlMethods.map((m) => label('controlMethod', m)).join(', ') },
      { header: t('status'), value: (r) => label('caseStatus', r.status) },
      { header: t('statusOn'), value: (r) => r.statusOn },
      { header: t('victims'), value: (r) => r.victimCount },
      { header: t('perpetrators'), value: (r) => r.perpetratorCount },
    ];
    return exportResponse(format, t('fileName'), columns, rows);
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') return Response.json({ error: 'forbidden' }, { status: 403 });
    throw error;
  }
}
