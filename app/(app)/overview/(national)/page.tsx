import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { todayInStockholm } from '@/lib/forms/fields';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { allowedStatisticsRequest } from '@/db/statistics/access';
import { getNationalOverview } from '@/db/statistics/overview';
import { statisticsYears } from '@/db/statistics/rollups';
import { releaseGate } from '@/db/statistics/releases';
import { yearOf } from '@/lib/periods';
import { parseStatisticsParams } from '@/lib/schemas/statistics';
import { NotReleasedView } from '../_components/sections';
import { OverviewView } from './overview-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('statistics.overview');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const today = todayInStockholm();
  const params = parseStatisticsParams(await searchParams, today);
  const { access, period } =
    allowedStatisticsRequest(actor, { view: 'overview' }, { period: params.period }) ?? forbidden();
  const gate = await releaseGate(access, yearOf(period), today);
  if (!gate.released) {
    return (
      <NotReleasedView
        heading="overview.heading"
        action="/overview"
        period={period}
        years={gate.years!}
        measure={params.measure}
      />
    );
  }
  const [overview, years] = await Promise.all([
    loadForPage(getNationalOverview(actor, { period, today })),
    gate.years ?? statisticsYears(today),
  ]);
  return <OverviewView actor={actor} params={params} overview={overview} years={years} />;
}
