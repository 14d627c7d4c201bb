import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { CaseForm } from '../../case-form';
import type { CaseEditInput } from '@/lib/schemas/cases';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.list');
  return { title: t('title') };
}

export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const found = await loadForPage(getCaseForActor(actor, id));
  if (!found.permissions.update) forbidden();
  const t = await getTranslations('cases.form');
  // The form works on strings, as inputs give them; the schema turns them back into values.
  const defaults: CaseEditInput = {
    id: found.id,
    version: String(found.version),
    countyCode: found.countyCode,
    reportedOn: found.reportedOn,
    reportingBody: found.reportingBody,
    policeReportNumber: found.policeReportNumber ?? '',
    offences: found.offences,
    arena: found.arena,
    onlinePlatform: found.onlinePlatform,
    crossBorder: found.crossBorder,
    crimeEstablished: found.crimeEstablished,
    coercionDegree: found.coercionDegree,
    controlMethods: found.controlMethods,
    notes: found.notes ?? '',
    parties: found.parties.map((p) =>
      p.role === 'victim'
        ? {
            id: p.id ?? '',
            role: 'victim' as const,
            sex: p.sex,
            ageBand: p.ageBand,
            originRegion: p.originRegion,
            citizenship: p.citizenship ?? '',
            plaintiffStatus: p.plaintiffStatus,
            residencePermit: p.residencePermit,
            support: p.support,
          }
        : {
            id: p.id ?? '',
            role: 'perpetrator' as const,
            sex: p.sex,
            ageBand: p.ageBand,
            originRegion: p.originRegion,
            citizenship: p.citizenship ?? '',
            perpetratorRole: p.perpetratorRole,
          },
    ),
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('editTitle', { reference: found.reference })}</h1>
      <CaseForm
        mode="edit"
        defaults={defaults}
        counties={[{ code: found.countyCode, name: found.county.nameSv }]}
        reference={found.reference}
      />
    </>
  );
}
