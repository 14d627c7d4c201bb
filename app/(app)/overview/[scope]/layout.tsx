import { forbidden, notFound } from 'next/navigation';
import { requireActor } from '@/app/_lib/session';
import { statisticsAccess } from '@/db/statistics/access';

// The dashboard's access, decided before its loading boundary so that a refusal is a 403.
export default async function DashboardLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ scope: string }>;
}) {
  const actor = await requireActor();
  const { scope } = await params;
  if (scope !== 'SE' && !/^\d{2}$/.test(scope)) notFound();
  if (!statisticsAccess(actor, { view: 'dashboard', county: scope === 'SE' ? null : scope })) forbidden();
  return children;
}
