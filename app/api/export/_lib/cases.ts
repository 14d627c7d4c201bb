import 'server-only';
import { getTranslations } from 'next-intl/server';
import { authedRoute } from '@/app/_lib/route';
import { CaseFilterSchema } from '@/lib/schemas/cases';
import { exportCasesForActor, type CaseExportRow } from '@/db/queries/cases/list';
import { exportResponse, type Column, type ExportFormat } from './tabular';

/** GET /api/export/cases.{csv,xlsx}?<the list's filters>: same access rules as the list; audited by the query. */
export function exportCases(format: ExportFormat) {
  return authedRoute({ searchParams: CaseFilterSchema }, async ({ actor, query }) => {
    const { rows } = await exportCasesForActor(actor, query);
    const [t, tEnum] = await Promise.all([getTranslations('export.cases'), getTranslations('enums')]);
    const columns: Column<CaseExportRow>[] = [
      { header: t('reference'), value: (r) => r.reference },
      { header: t('county'), value: (r) => r.countyCode },
      { header: t('reportedOn'), value: (r) => r.reportedOn },
      { header: t('reportingBody'), value: (r) => tEnum(`reportingBody.${r.reportingBody}`) },
      { header: t('policeReportNumber'), value: (r) => r.policeReportNumber },
      { header: t('offences'), value: (r) => r.offences.map((o) => tEnum(`offence.${o}`)).join(', ') },
      { header: t('arena'), value: (r) => tEnum(`arena.${r.arena}`) },
      { header: t('onlinePlatform'), value: (r) => tEnum(`yesNoUnknown.${r.onlinePlatform}`) },
      { header: t('crossBorder'), value: (r) => tEnum(`yesNoUnknown.${r.crossBorder}`) },
      { header: t('crimeEstablished'), value: (r) => tEnum(`crimeEstablished.${r.crimeEstablished}`) },
      { header: t('coercionDegree'), value: (r) => tEnum(`coercionDegree.${r.coercionDegree}`) },
      {
        header: t('controlMethods'),
        value: (r) => r.controlMethods.map((m) => tEnum(`controlMethod.${m}`)).join(', '),
      },
      { header: t('status'), value: (r) => tEnum(`caseStatus.${r.status}`) },
      { header: t('statusOn'), value: (r) => r.statusOn },
      { header: t('victims'), value: (r) => r.victimCount },
      { header: t('perpetrators'), value: (r) => r.perpetratorCount },
    ];
    return exportResponse(format, t('fileName'), columns, rows);
  });
}
