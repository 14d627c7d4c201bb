'use client';
// The counties with their key figures, sortable by any column (names in Swedish order: å, ä, ö
// last). Hidden figures arrive as text only ("<5", "×"): they sort last and never by value.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { TableScroll } from '@/components/ui/table-scroll';

export type TableCell = { text: string; sort: number | null };
export type TableRow = {
  key: string;
  name: string;
  href: string | null;
  own: boolean;
  cells: Record<string, TableCell>;
};
export type TableColumn = { key: string; label: string };

export function CountyTable({
  caption,
  nameLabel,
  columns,
  rows,
  footer,
  locale,
  ownLabel,
}: {
  caption: string;
  nameLabel: string;
  columns: TableColumn[];
  rows: TableRow[];
  footer: TableRow;
  locale: string;
  ownLabel: string;
}) {
  const [sort, setSort] = useState<{ key: string; ascending: boolean }>({ key: 'name', ascending: true });
  const collator = useMemo(
    () => new Intl.Collator(locale === 'en' ? 'en' : 'sv', { sensitivity: 'base', numeric: true }),
    [locale],
  );
  const sorted = useMemo(() => {
    const byName = (a: TableRow, b: TableRow) => collator.compare(a.name, b.name);
    return [...rows].sort((a, b) => {
      if (sort.key === 'name') return sort.ascending ? byName(a, b) : byName(b, a);
      const x = a.cells[sort.key]?.sort ?? null;
      const y = b.cells[sort.key]?.sort ?? null;
      if (x === null && y === null) return byName(a, b);
      if (x === null) return 1;
      if (y === null) return -1;
      return (sort.ascending ? x - y : y - x) || byName(a, b);
    });
  }, [rows, sort, collator]);
  const header = (key: string, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
        className={`py-2 pr-3 ${numeric ? 'text-right' : ''}`}
      >
        <button
          type="button"
          className="font-semibold underline decoration-dotted underline-offset-4"
          onClick={() => setSort({ key, ascending: active ? !sort.ascending : key === 'name' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <TableScroll label={caption}>
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {header('name', nameLabel, false)}
            {columns.map((c) => header(c.key, c.label, true))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.key} className={`border-b border-slate-200 ${r.own ? 'bg-brand-50' : ''}`}>
              <th scope="row" className="py-1.5 pr-3 font-medium">
                {r.href ? (
                  <Link href={r.href} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                ) : (
                  r.name
                )}
                {r.own ? <span className="ml-1 text-xs text-slate-700">({ownLabel})</span> : null}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="py-1.5 pr-3 text-right tabular-nums">
                  {r.cells[c.key]?.text ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-400 font-semibold">
            <th scope="row" className="py-1.5 pr-3">
              {footer.name}
            </th>
            {columns.map((c) => (
              <td key={c.key} className="py-1.5 pr-3 text-right tabular-nums">
                {footer.cells[c.key]?.text ?? ''}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
