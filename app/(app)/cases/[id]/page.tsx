import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { deleteCaseAction, restoreCaseAction } from '@/app/(app)/cases/actions';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { DeleteRestore } from '@/components/records/delete-restore';
import { DeletedNotice, Fact } from '@/components/records/detail-parts';
import { HistoryTable } from '@/components/records/history-table';
import { getCaseForActor, type CaseDetail } from '@/db/queries/cases/detail';
import { StatusStepForm } from './status-step-form';
import { PersonStepForm } from './person-step-form';
import { DERIVED_STATUSES } from '@/lib/justice';
import type { CaseStatus } from '@/lib/enums';
import { savedParam } from '@/lib/forms/fields';
import { SavedNotice } from '@/components/records/saved-notice';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.list');
  return { title: t('title') };
}

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const saved = savedParam.parse((await searchParams).saved);
  // Every opening is written to the audit log by the query.
  const found = await loadForPage(getCaseForActor(actor, id));
  const [t, tEnum, format, locale] = await Promise.all([
    getTranslations('cases.detail'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'dateLong');
  const when = (value: Date) => format.dateTime(value, 'dateTime');
  const list = (labels: string[]) => (labels.length ? labels.join(', ') : t('none'));
  const victims = found.parties.filter((p) => p.role === 'victim');
  const perpetrators = found.parties.filter((p) => p.role === 'perpetrator');

  return (
    <>
      <SavedNotice
        message={saved ? t(saved === 'created' ? 'created' : 'saved', { reference: found.reference }) : null}
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('title', { reference: found.reference })}</h1>
          <p className="mt-1 text-slate-700">
            {countyName(found.county, locale)} ·{' '}
            <span className="font-medium">{tEnum(`caseStatus.${found.status}`)}</span> {date(found.statusOn)}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {found.permissions.update && !found.deletedAt ? (
            <Link
              href={`/cases/${found.id}/edit`}
              className="inline-flex items-center rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
            >
              {t('edit')}
            </Link>
          ) : null}
          {(found.deletedAt ? found.permissions.restore : found.permissions.delete) ? (
            <DeleteRestore
              id={found.id}
              version={found.version}
              deleted={Boolean(found.deletedAt)}
              deleteAction={deleteCaseAction}
              restoreAction={restoreCaseAction}
              messages="cases.controls"
              name={found.reference}
            />
          ) : null}
        </div>
      </div>

      {found.deletedAt ? (
        <DeletedNotice>
          {t('deletedNotice', { time: when(found.deletedAt), name: found.deletedByName ?? t('systemActor') })}
        </DeletedNotice>
      ) : null}

      <section aria-labelledby="facts" className="mt-8">
        <h2 id="facts" className="text-xl font-semibold">
          {t('facts')}
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-2">
          <Fact label={t('reportedOn')}>{date(found.reportedOn)}</Fact>
          <Fact label={t('reportingBody')}>{tEnum(`reportingBody.${found.reportingBody}`)}</Fact>
          <Fact label={t('policeReportNumber')}>{found.policeReportNumber ?? t('none')}</Fact>
          <Fact label={t('offences')}>{list(found.offences.map((o) => tEnum(`offence.${o}`)))}</Fact>
          <Fact label={t('arena')}>{tEnum(`arena.${found.arena}`)}</Fact>
          <Fact label={t('onlinePlatform')}>{tEnum(`yesNoUnknown.${found.onlinePlatform}`)}</Fact>
          <Fact label={t('crossBorder')}>{tEnum(`yesNoUnknown.${found.crossBorder}`)}</Fact>
          <Fact label={t('crimeEstablished')}>{tEnum(`crimeEstablished.${found.crimeEstablished}`)}</Fact>
          <Fact label={t('coercionDegree')}>{tEnum(`coercionDegree.${found.coercionDegree}`)}</Fact>
          <Fact label={t('controlMethods')}>{list(found.controlMethods.map((m) => tEnum(`controlMethod.${m}`)))}</Fact>
        </dl>
        <h3 className="mt-4 font-semibold">{t('notes')}</h3>
        <p className="mt-1 whitespace-pre-wrap">{found.notes ?? t('none')}</p>
      </section>

      <PartiesTable title={t('victims')} empty={t('noVictims')} parties={victims} kind="victim" />
      <PartiesTable title={t('perpetrators')} empty={t('noPerpetrators')} parties={perpetrators} kind="perpetrator" />

      <PerpetratorPaths found={found} date={date} />

      <section aria-labelledby="timeline" className="mt-8">
        <h2 id="timeline" className="text-xl font-semibold">
          {t('timeline')}
        </h2>
        <ol className="mt-3 border-l-2 border-brand-700 pl-4">
          {found.statusEvents.map((event) => (
            <li key={event.id} className="mb-3">
              <p className="font-medium">
                {t('timelineEntry', { status: tEnum(`caseStatus.${event.status}`), date: date(event.occurredOn) })}
              </p>
              <p className="text-sm text-slate-600">
                {event.recordedByName === null && derivedStatus(event.status, found)
                  ? t('derivedEvent')
                  : t('recordedBy', { name: event.recordedByName ?? t('systemActor') })}
              </p>
              {event.note ? <p className="mt-1 whitespace-pre-wrap">{event.note}</p> : null}
            </li>
          ))}
        </ol>
        {found.deletedAt ? null : found.allowedNextStatuses.length > 0 ? (
          <StatusStepForm id={found.id} version={found.version} allowed={found.allowedNextStatuses} />
        ) : found.status === 'closed' ? (
          <p className="mt-2">{t('finalStatus')}</p>
        ) : null}
      </section>

      <HistoryTable entries={found.history} namespace="cases.history" changesOf="all-but-create" />
    </>
  );
}

async function PartiesTable({
  title,
  empty,
  parties,
  kind,
}: {
  title: string;
  empty: string;
  parties: CaseDetail['parties'];
  kind: 'victim' | 'perpetrator';
}) {
  const [t, tForm, tEnum] = await Promise.all([
    getTranslations('cases.detail'),
    getTranslations('cases.form'),
    getTranslations('enums'),
  ]);
  const id = `parties-${kind}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {parties.length === 0 ? (
        <p className="mt-2">{empty}</p>
      ) : (
        <TableScroll labelledBy={id} className="mt-3">
          <table className="min-w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t('party')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tForm('sex')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tForm('ageBand')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tForm('originRegion')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tForm('citizenship')}
                </th>
                {kind === 'victim' ? (
                  <>
                    <th scope="col" className="py-2 pr-4">
                      {tForm('plaintiffStatus')}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {tForm('residencePermit')}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {tForm('support')}
                    </th>
                  </>
                ) : (
                  <th scope="col" className="py-2 pr-4">
                    {tForm('perpetratorRole')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {parties.map((p, i) => (
                <tr key={i} className="border-b border-slate-200">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {i + 1}
                  </th>
                  <td className="py-2 pr-4">{tEnum(`sex.${p.sex}`)}</td>
                  <td className="py-2 pr-4">{tEnum(`ageBand.${p.ageBand}`)}</td>
                  <td className="py-2 pr-4">{tEnum(`originRegion.${p.originRegion}`)}</td>
                  <td className="py-2 pr-4">{p.citizenship ?? '–'}</td>
                  {p.role === 'victim' ? (
                    <>
                      <td className="py-2 pr-4">{tEnum(`yesNoUnknown.${p.plaintiffStatus}`)}</td>
                      <td className="py-2 pr-4">{tEnum(`residencePermit.${p.residencePermit}`)}</td>
                      <td className="py-2 pr-4">{p.support.map((s) => tEnum(`supportMeasure.${s}`)).join(', ')}</td>
                    </>
                  ) : (
                    <td className="py-2 pr-4">{tEnum(`perpetratorRole.${p.perpetratorRole}`)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** A step of the case derived from its persons' paths (decision 012), not recorded for the case. */
function derivedStatus(status: CaseStatus, found: CaseDetail): boolean {
  return (
    (DERIVED_STATUSES as readonly CaseStatus[]).includes(status) &&
    found.perpetratorPaths.some((p) => p.steps.length > 0)
  );
}

/** Each perpetrator's path (decision 012): suspected from the report, then each recorded step. */
async function PerpetratorPaths({ found, date }: { found: CaseDetail; date: (value: string) => string }) {
  const [t, tEnum] = await Promise.all([getTranslations('cases.detail'), getTranslations('enums')]);
  if (found.perpetratorPaths.length === 0) return null;
  const roleOf = (partyId: string) => {
    const party = found.parties.find((p) => p.id === partyId);
    return party?.role === 'perpetrator' ? tEnum(`perpetratorRole.${party.perpetratorRole}`) : '';
  };
  return (
    <section aria-labelledby="paths" className="mt-8">
      <h2 id="paths" className="text-xl font-semibold">
        {t('paths')}
      </h2>
      <p className="mt-2">
        {t('pathsIntro', { status: tEnum(`caseStatus.${found.status}`), date: date(found.statusOn) })}
      </p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        {found.perpetratorPaths.map((path) => (
          <section
            key={path.partyId}
            aria-labelledby={`path-${path.partyId}`}
            className="rounded border border-slate-300 p-4"
          >
            <h3 id={`path-${path.partyId}`} className="font-semibold">
              {t('pathPerson', { number: path.number, role: roleOf(path.partyId) })}
            </h3>
            <ol className="mt-2 border-l-2 border-brand-700 pl-4">
              <li className="mb-2">{t('suspected', { date: date(found.reportedOn) })}</li>
              {path.steps.map((s) => (
                <li key={s.id} className="mb-2">
                  <p className="font-medium">
                    {t('pathStep', { step: tEnum(`justiceStep.${s.step}`), date: date(s.occurredOn) })}
                  </p>
                  {s.offences.length > 0 ? (
                    <p className="text-sm">
                      {t('pathOffences', { offences: s.offences.map((o) => tEnum(`offence.${o}`)).join(', ') })}
                    </p>
                  ) : null}
                  {s.sanction ? (
                    <p className="text-sm">
                      {t('pathSanction', {
                        sanction:
                          tEnum(`sanction.${s.sanction}`) +
                          (s.prisonBand ? ` (${tEnum(`prisonBand.${s.prisonBand}`)})` : ''),
                      })}
                    </p>
                  ) : null}
                  <p className="text-sm text-slate-600">
                    {t('recordedBy', { name: s.recordedByName ?? t('systemActor') })}
                  </p>
                </li>
              ))}
            </ol>
            <p className="text-sm text-slate-700">
              {path.next.length > 0
                ? t('pathNext', { steps: path.next.map((n) => tEnum(`justiceStep.${n}`)).join(', ') })
                : t('pathFinal')}
            </p>
          </section>
        ))}
      </div>
      {found.mayRecordPersonSteps ? (
        <PersonStepForm
          key={found.id}
          id={found.id}
          version={found.version}
          persons={found.perpetratorPaths.map(({ partyId, number, latest, next }) => ({
            partyId,
            number,
            latest,
            next,
          }))}
          offences={found.offences}
        />
      ) : null}
    </section>
  );
}
