import 'server-only';
import { forbidden } from 'next/navigation';
import { isAppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { statisticsAccess, type Access } from '@/db/queries/statistics';
import { yearPeriod } from '@/lib/periods';
import type { StatisticsParams } from '../../../lib/schemas/statistics';

/** The viewer's access to a county's (or, with null, the nation's) dashboard; a refusal is a 403. */
export function dashboardAccessOr403(actor: Actor, county: string | null): Access {
  try {
    return statisticsAccess(actor, { view: 'dashboard', county });
  } catch (error) {
    if (isAppError(error)) forbidden();
    throw error;
  }
}

/**
 * What a dashboard shows for the chosen parameters: suppressed viewers get the calendar year the
 * chosen period starts in and no offence filter (decision 006); full viewers what they chose.
 */
export function dashboardRequest(actor: Actor, county: string | null, p: StatisticsParams) {
  const access = dashboardAccessOr403(actor, county);
  const period =
    access === 'suppressed' && p.period.kind !== 'year' ? yearPeriod(Number(p.period.from.slice(0, 4))) : p.period;
  return { access, period, offences: access === 'full' ? p.offences : [] };
}
