import { notFound } from 'next/navigation';
import { requireActor } from '@/app/_lib/session';
import { todayInStockholm } from '@/lib/forms/fields';
import { getNationalOverview, type Overview } from '@/db/statistics/overview';
import { statisticsYears } from '@/db/statistics/rollups';
import { parseStatisticsParams } from '@/lib/schemas/statistics';
import { OverviewView } from '../overview-view';

export const dynamic = 'force-dynamic';
export { generateMetadata } from '../page';

// The framework ceiling of `npm run bench` (issue 21), /overview/ceiling: the national overview of
// the last complete year — the same layout, loading state and HTML — rendered from figures loaded
// once per server process and person, so that what it costs is Next.js, React, the layout and the
// session, not the figures. Only where the server runs with BENCH_CEILING=1 (never in
// navigation; 404 otherwise).

const loaded = new Map<string, Promise<{ overview: Overview; years: number[] }>>();

export default async function CeilingPage() {
  if (process.env.BENCH_CEILING !== '1') notFound();
  const actor = await requireActor();
  const today = todayInStockholm();
  const params = parseStatisticsParams({}, today);
  let figures = loaded.get(actor.id);
  if (!figures) {
    figures = Promise.all([getNationalOverview(actor, { period: params.period, today }), statisticsYears(today)]).then(
      ([overview, years]) => ({ overview, years }),
    );
    loaded.set(actor.id, figures);
  }
  const { overview, years } = await figures;
  return <OverviewView actor={actor} params={params} overview={overview} years={years} />;
}
