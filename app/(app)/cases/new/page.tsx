import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import { requireActor } from '@/app/_lib/session';
import { listCounties } from '@/db/queries/counties';
import { can, countyScope } from '@/lib/policy';
import { CaseForm } from '../case-form';
import { todayInStockholm } from '@/lib/forms/fields';
import type { CaseEditInput } from '@/lib/schemas/cases';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.form');
  return { title: t('newTitle') };
}

export default async function NewCasePage() {
  const actor = await requireActor();
  // The action refuses it anyway; this gives the person the 403 page instead of an empty form.
  if (!can(actor, 'case.create')) forbidden();
  const [t, allCounties, locale] = await Promise.all([getTranslations('cases.form'), listCounties(), getLocale()]);
  const scope = countyScope(actor, 'case.create');
  const counties = allCounties
    .filter((c) => scope === 'all' || scope.includes(c.code))
    .map((c) => ({ code: c.code, name: countyName(c, locale) }));
  const defaults: CaseEditInput = {
    id: '',
    version: '1',
    countyCode: counties.length === 1 ? counties[0]!.code : '',
    reportedOn: todayInStockholm(),
    reportingBody: '',
    policeReportNumber: '',
    offences: [],
    arena: '',
    onlinePlatform: 'unknown',
    crossBorder: 'unknown',
    crimeEstablished: '',
    coercionDegree: '',
    controlMethods: [],
    notes: '',
    parties: [],
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
      <CaseForm mode="create" defaults={defaults} counties={counties} />
    </>
  );
}
