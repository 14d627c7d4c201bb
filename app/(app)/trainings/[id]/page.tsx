import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { deleteTrainingAction, restoreTrainingAction } from '@/app/(app)/trainings/actions';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { HistoryTable } from '@/components/records/history-table';
import { DeletedNotice, Fact } from '@/components/records/detail-parts';
import { DeleteRestore } from '@/components/records/delete-restore';
import { getTrainingForActor } from '@/db/queries/trainings/register';
import { TableScroll } from '@/components/ui/table-scroll';
import { savedParam } from '@/lib/forms/fields';
import { SavedNotice } from '@/components/records/saved-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trainings.detail');
  return { title: t('metaTitle') };
}

export default async function TrainingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const saved = savedParam.parse((await searchParams).saved);
  const training = await loadForPage(getTrainingForActor(actor, id));
  const [t, tEnum, format, locale] = await Promise.all([
    getTranslations('trainings.detail'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'dateLong');
  const live = !training.deletedAt;

  return (
    <>
      <SavedNotice message={saved ? t(saved === 'created' ? 'created' : 'saved', { title: training.title }) : null} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{training.title}</h1>
          <p className="mt-1 text-slate-700">
            {countyName(training.county, locale)} · {tEnum(`trainingOrganiser.${training.organiser}`)} ·{' '}
            {training.startsOn === training.endsOn
              ? date(training.startsOn)
              : t('period', { from: date(training.startsOn), to: date(training.endsOn) })}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {training.permissions.update ? (
            <Link
              href={`/trainings/${training.id}/edit`}
              className="inline-flex items-center rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
            >
              {t('edit')}
            </Link>
          ) : null}
          {(live ? training.permissions.delete : training.permissions.restore) ? (
            <DeleteRestore
              id={training.id}
              version={training.version}
              deleted={!live}
              deleteAction={deleteTrainingAction}
              restoreAction={restoreTrainingAction}
              messages="coordination.controls.training"
              name={training.title}
            />
          ) : null}
        </div>
      </div>

      {training.deletedAt ? (
        <DeletedNotice>
          {t('deletedNotice', {
            time: format.dateTime(training.deletedAt, 'dateTime'),
            name: training.deletedByName ?? t('system'),
          })}
        </DeletedNotice>
      ) : null}

      <section aria-labelledby="facts" className="mt-8">
        <h2 id="facts" className="text-xl font-semibold">
          {t('facts')}
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-2">
          <Fact label={t('county')}>{countyName(training.county, locale)}</Fact>
          <Fact label={t('organiser')}>{tEnum(`trainingOrganiser.${training.organiser}`)}</Fact>
          <Fact label={t('format')}>{tEnum(`eventFormat.${training.format}`)}</Fact>
          <Fact label={t('hours')}>{t('hoursValue', { hours: training.hours })}</Fact>
          <Fact label={t('themes')}>{training.themes.map((v) => tEnum(`trainingTheme.${v}`)).join(', ')}</Fact>
          <Fact label={t('evaluation')}>
            {training.evaluation === null ? t('noEvaluation') : t('evaluationValue', { value: training.evaluation })}
          </Fact>
          <Fact label={t('group')}>
            {training.group ? (
              <Link
                href={`/coordination/groups/${training.group.id}`}
                className="text-brand-700 underline underline-offset-2"
              >
                {training.group.name}
              </Link>
            ) : (
              t('noGroup')
            )}
          </Fact>
        </dl>
        <h3 className="mt-4 font-semibold">{t('description')}</h3>
        <p className="mt-1 whitespace-pre-wrap">{training.description ?? '–'}</p>
      </section>

      <section aria-labelledby="participants" className="mt-8">
        <h2 id="participants" className="text-xl font-semibold">
          {t('participants')}
        </h2>
        <TableScroll label={t('participantsCaption')} className="mt-3 max-w-lg">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('participantsCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t('audience')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {training.participants.map((p) => (
                <tr key={p.audience} className="border-b border-slate-200">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {tEnum(`trainingAudience.${p.audience}`)}
                  </th>
                  <td className="py-2 pr-4 text-right tabular-nums">{format.number(p.participants)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-400 font-semibold">
                <th scope="row" className="py-2 pr-4">
                  {t('total')}
                </th>
                <td className="py-2 pr-4 text-right tabular-nums">{format.number(training.total)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <HistoryTable entries={training.history} namespace="trainings.history" />
    </>
  );
}
