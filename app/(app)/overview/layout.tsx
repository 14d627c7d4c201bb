import { forbidden } from 'next/navigation';
import { requireActor } from '@/app/_lib/session';
import { statisticsAccess } from '@/db/statistics/access';

// Checked here, outside the pages' loading boundary, so that a refusal is a real 403 (a page
// behind loading.tsx has already begun its 200 response when it finds out). The queries check again.
export default async function OverviewLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  if (!statisticsAccess(actor, { view: 'overview' })) forbidden();
  return children;
}
