import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ActionItemView } from '@/db/queries/coordination/action-item-list';
import { OverdueBadge } from './overdue-badge';
import { TableScroll } from '@/components/ui/table-scroll';

/** Action items with who is responsible, when they are due (overdue ones marked) and where they were raised and closed. */
export async function ActionItemsTable({
  items,
  caption,
  showGroup = true,
}: {
  items: ActionItemView[];
  caption: string;
  showGroup?: boolean;
}) {
  const [t, tEnum, format] = await Promise.all([
    getTranslations('coordination.actionItems.table'),
    getTranslations('enums'),
    getFormatter(),
  ]);
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'date');
  return (
    <TableScroll label={caption} className="mt-3">
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="py-2 pr-4">
              {t('description')}
            </th>
            {showGroup ? (
              <th scope="col" className="py-2 pr-4">
                {t('group')}
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4">
              {t('responsible')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('due')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('status')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('raised')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('closed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={`border-b border-slate-200 align-top ${item.overdue ? 'bg-red-50' : ''}`}>
              <th scope="row" className="py-2 pr-4 font-medium">
                {item.description}
              </th>
              {showGroup ? (
                <td className="py-2 pr-4">
                  <Link
                    href={`/coordination/groups/${item.groupId}`}
                    className="text-brand-700 underline underline-offset-2"
                  >
                    {item.groupName}
                  </Link>
                </td>
              ) : null}
              <td className="py-2 pr-4">{item.responsibleName}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {date(item.dueOn)}
                {item.overdue ? <OverdueBadge label={t('overdue')} /> : null}
              </td>
              <td className="py-2 pr-4">{tEnum(`actionItemStatus.${item.status}`)}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Link
                  href={`/coordination/meetings/${item.raisedMeetingId}`}
                  className="text-brand-700 underline underline-offset-2"
                >
                  {t('meetingOn', { date: format.dateTime(item.raisedAt, 'date') })}
                </Link>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {item.closedMeetingId && item.closedAt ? (
                  <Link
                    href={`/coordination/meetings/${item.closedMeetingId}`}
                    className="text-brand-700 underline underline-offset-2"
                  >
                    {t('meetingOn', { date: format.dateTime(item.closedAt, 'date') })}
                  </Link>
                ) : item.closedOn ? (
                  date(item.closedOn)
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
