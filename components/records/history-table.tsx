import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/lib/i18n';
import { TableScroll } from '@/components/ui/table-scroll';

export type HistoryRow = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  changes: Record<string, unknown> | null;
};

/**
 * The change history of a record, from the audit log: when, who, what, and which fields changed.
 * The register's words come from "<namespace>.actions.<action with _>" and
 * "<namespace>.fields.<field>" (catalogue keys cannot hold dots), and "<namespace>.caption" when
 * it has one; the rest from "records.history".
 *
 * `changesOf` says which entries list their changed fields: only edits (groups, meetings,
 * trainings), or every entry but the creation (cases, whose status steps, deletions and
 * restorations name what they touched). `hidden` are bookkeeping keys of the audit entry.
 */
export async function HistoryTable({
  entries,
  namespace,
  id = 'history',
  changesOf = 'updates',
  hidden = ['total'],
}: {
  entries: HistoryRow[];
  namespace: 'coordination.history' | 'trainings.history' | 'cases.history';
  id?: string;
  changesOf?: 'updates' | 'all-but-create';
  hidden?: readonly string[];
}) {
  const [t, tAll, tCommon, messages, format] = await Promise.all([
    getTranslations(namespace),
    getTranslations(),
    getTranslations('records.history'),
    getMessages(),
    getFormatter(),
  ]);
  // Audit actions and field names come from the log: words where the catalogue has them.
  const words = (key: string, fallback: string) => (isMessageKey(messages, key) ? tAll(key) : fallback);
  const label = (field: string) => words(`${namespace}.fields.${field}`, field);
  const action = (value: string) => words(`${namespace}.actions.${value.replaceAll('.', '_')}`, value);
  const listsChanges = (entry: HistoryRow) =>
    changesOf === 'updates' ? entry.action.endsWith('.update') : !entry.action.endsWith('.create');
  const fields = (entry: HistoryRow) =>
    listsChanges(entry) && entry.changes
      ? Object.keys(entry.changes)
          .filter((key) => !hidden.includes(key))
          .map(label)
          .join(', ')
      : '';
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {tCommon('title')}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2">{tCommon('none')}</p>
      ) : (
        <TableScroll labelledBy={id} className="mt-3">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t.has('caption') ? t('caption') : tCommon('caption')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {tCommon('time')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tCommon('who')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tCommon('what')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {tCommon('changes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">{format.dateTime(entry.at, 'dateTime')}</td>
                  <td className="py-2 pr-4">{entry.actorName ?? tCommon('system')}</td>
                  <td className="py-2 pr-4">{action(entry.action)}</td>
                  <td className="py-2 pr-4">{fields(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
