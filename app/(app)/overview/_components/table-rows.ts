// The table rows of the overview's county and region tables and of a region's counties side by
// side: every figure as text and as the number it sorts by (hidden figures sort last).
import type { OverviewCounty, OverviewRow, Overview } from '@/db/statistics/overview';
import type { TableRow } from '../(national)/county-table';
import { countText, ratioText, type Formatter, type Translator } from './format';

export const COLUMNS = [
  'cases',
  'change',
  'per100k',
  'victims',
  'perpetrators',
  'convicted',
  'participants',
  'meetings',
  'activeGroup',
] as const;

export type TableSource = OverviewRow & Partial<Pick<OverviewCounty, 'activeGroup' | 'code'>>;

export function tableRow(
  r: TableSource,
  name: string,
  href: string | null,
  own: boolean,
  format: Formatter,
  threshold: number,
  t: Translator,
  coverage?: Overview['coverage'],
): TableRow {
  const count = (c: OverviewRow['victims']) => ({ text: countText(c, format), sort: c.suppressed ? null : c.value });
  return {
    key: r.key,
    name,
    href,
    own,
    cells: {
      cases: count(r.cases.current),
      change: {
        text: ratioText(r.cases.change, format, 'change'),
        sort: r.cases.change.suppressed ? null : r.cases.change.value,
      },
      per100k: { text: ratioText(r.per100k, format, 'rate'), sort: r.per100k.suppressed ? null : r.per100k.value },
      victims: count(r.victims),
      perpetrators: count(r.perpetrators),
      convicted: count(r.convicted),
      participants: count(r.participants),
      meetings: count(r.meetings),
      activeGroup: coverage
        ? { text: `${coverage.activeGroups}/${coverage.counties}`, sort: coverage.activeGroups }
        : r.activeGroup === undefined
          ? { text: '', sort: null }
          : { text: r.activeGroup ? t('yes') : t('no'), sort: r.activeGroup ? 1 : 0 },
    },
  };
}
