import { forbidden, notFound } from 'next/navigation';
import { requireActor } from '@/app/_lib/session';
import { dashboardTarget, statisticsAccess } from '@/db/statistics/access';
import { parseScopeSegment } from '@/lib/regions';

// The dashboard's access, decided before its loading boundary so that a refusal is a 403.
export default async function DashboardLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ scope: string }>;
}) {
  const actor = await requireActor();
  const scope = parseScopeSegment((await params).scope);
  if (!scope) notFound();
  if (!statisticsAccess(actor, dashboardTarget(scope))) forbidden();
  return children;
}
