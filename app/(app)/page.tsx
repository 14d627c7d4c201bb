import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { requireActor } from '@/app/_lib/session';
import { CountyCoordinationOverview } from '@/components/coordination/county-overview';
import { listCounties } from '@/db/queries/counties';
import { listUsersForActor } from '@/db/queries/users/admin';
import type { County } from '@/db/schema';
import { regionSlug, type PoliceRegion } from '@/lib/regions';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('title') };
}

/** The start page: what each role works with. */
export default async function HomePage() {
  const actor = await requireActor();
  const [t, counties, locale] = await Promise.all([getTranslations('home'), listCounties(), getLocale()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('welcome', { name: actor.name })}</h1>
      {actor.role === 'admin' ? <AdminHome /> : null}
      {actor.role === 'county_coordinator' || actor.role === 'county_staff' ? (
        <>
          <CountyHome county={counties.find((c) => c.code === actor.county)!} counties={counties} locale={locale} />
          <CountyCoordinationOverview actor={actor} />
        </>
      ) : null}
      {actor.role === 'regional_coordinator' && actor.region ? (
        <>
          <RegionHome
            region={actor.region.name}
            counties={counties.filter((c) => actor.region!.counties.includes(c.code))}
            locale={locale}
          />
          <CountyCoordinationOverview actor={actor} />
        </>
      ) : null}
      {actor.role === 'national_coordinator' || actor.role === 'national_analyst' ? (
        <>
          <p className="mt-2 text-slate-700">
            {actor.role === 'national_analyst' ? t('analyst.intro') : t('national.intro')}
          </p>
          <CountiesTable counties={counties} locale={locale} />
        </>
      ) : null}
    </>
  );
}

async function AdminHome() {
  const actor = await requireActor();
  const [t, format, users] = await Promise.all([
    getTranslations('home.admin'),
    getFormatter(),
    listUsersForActor(actor),
  ]);
  const now = new Date();
  return (
    <>
      <p className="mt-2 text-slate-700">{t('intro')}</p>
      <dl className="mt-6 grid max-w-lg grid-cols-2 gap-4">
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm text-slate-600">{t('activeUsers')}</dt>
          <dd className="text-3xl font-semibold">{format.number(users.filter((u) => u.active).length)}</dd>
        </div>
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm text-slate-600">{t('lockedUsers')}</dt>
          <dd className="text-3xl font-semibold">
            {format.number(users.filter((u) => u.lockedUntil && u.lockedUntil > now).length)}
          </dd>
        </div>
      </dl>
      <p className="mt-6">
        <Link href="/admin/users" className="font-medium text-brand-700 underline underline-offset-2">
          {t('manageUsers')}
        </Link>
      </p>
    </>
  );
}

async function CountyHome({ county, counties, locale }: { county: County; counties: County[]; locale: string }) {
  const [t, format] = await Promise.all([getTranslations('home.county'), getFormatter()]);
  const neighbours = counties.filter((c) => c.policeRegion === county.policeRegion && c.code !== county.code);
  return (
    <section aria-labelledby="county-facts" className="mt-6">
      <h2 id="county-facts" className="text-xl font-semibold">
        {countyName(county, locale)}
      </h2>
      <dl className="mt-4 grid max-w-2xl grid-cols-1 gap-4 sm:grid-cols-3">
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm text-slate-600">{t('seat')}</dt>
          <dd className="text-lg font-semibold">{county.seat}</dd>
        </div>
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm text-slate-600">
            {t('populationDate', { date: format.dateTime(new Date(county.populationDate), 'dateLong') })}
          </dt>
          <dd className="text-lg font-semibold">{format.number(county.population)}</dd>
        </div>
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm text-slate-600">{t('policeRegion')}</dt>
          <dd className="text-lg font-semibold">{county.policeRegion}</dd>
        </div>
      </dl>
      {neighbours.length > 0 ? (
        <>
          <h3 className="mt-6 font-semibold">{t('regionCounties')}</h3>
          <ul className="mt-2 list-inside list-disc">
            {neighbours.map((c) => (
              <li key={c.code}>{countyName(c, locale)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A regional coordinator's start page: the region's counties and its dashboard. */
async function RegionHome({ region, counties, locale }: { region: PoliceRegion; counties: County[]; locale: string }) {
  const [t, format] = await Promise.all([getTranslations('home.regional'), getFormatter()]);
  return (
    <section aria-labelledby="region-facts" className="mt-6">
      <h2 id="region-facts" className="text-xl font-semibold">
        {t('title', { region })}
      </h2>
      <p className="mt-2 max-w-3xl text-slate-700">{t('intro', { region })}</p>
      <ul className="mt-4 grid max-w-3xl grid-cols-1 gap-4 sm:grid-cols-2">
        {counties.map((c) => (
          <li key={c.code} className="rounded border border-slate-300 p-4">
            <span className="block font-semibold">{countyName(c, locale)}</span>
            <span className="block text-sm text-slate-700">
              {t('county', { seat: c.seat, population: format.number(c.population) })}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-4 flex flex-wrap gap-4">
        <Link href={`/overview/${regionSlug(region)}`} className="font-medium text-brand-700 underline">
          {t('dashboard', { region })}
        </Link>
        <Link href="/cases/new" className="font-medium text-brand-700 underline">
          {t('newCase')}
        </Link>
      </p>
    </section>
  );
}

async function CountiesTable({ counties, locale }: { counties: County[]; locale: string }) {
  const [t, format] = await Promise.all([getTranslations('home.national'), getFormatter()]);
  const sorted = [...counties].sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)));
  const total = counties.reduce((sum, c) => sum + c.population, 0);
  return (
    <section aria-labelledby="counties-title" className="mt-6">
      <h2 id="counties-title" className="text-xl font-semibold">
        {t('countiesTitle')}
      </h2>
      <TableScroll label={t('countiesCaption')} className="mt-4">
        <table className="min-w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t('countiesCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {t('name')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('code')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('letter')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('seat')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('policeRegion')}
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                {t('population')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.code} className="border-b border-slate-200">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {countyName(c, locale)}
                </th>
                <td className="py-2 pr-4">{c.code}</td>
                <td className="py-2 pr-4">{c.letter}</td>
                <td className="py-2 pr-4">{c.seat}</td>
                <td className="py-2 pr-4">{c.policeRegion}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{format.number(c.population)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-400 font-semibold">
              <th scope="row" colSpan={5} className="py-2 pr-4">
                {t('total')}
              </th>
              <td className="py-2 pr-4 text-right tabular-nums">{format.number(total)}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}
