import Link from 'next/link';

/** A list's filter as URL parameters (for the pager and the export links), without empty values. */
export function queryString(
  filter: Record<string, unknown>,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...overrides })) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (key === 'page' && value === 1) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const listLink = 'font-medium text-brand-700 underline';

/**
 * Links to the previous and the next page of a list, either left out where there is none, and
 * where the reader is. The case list pages by cursor and shows the bar even on its only page.
 */
export function PageLinks({
  previousHref,
  nextHref,
  labels,
}: {
  previousHref?: string;
  nextHref?: string;
  labels: { nav: string; previous: string; next: string; position?: string };
}) {
  return (
    <nav aria-label={labels.nav} className="mt-4 flex flex-wrap items-center gap-6">
      {previousHref ? (
        <Link href={previousHref} className={listLink}>
          ← {labels.previous}
        </Link>
      ) : null}
      {labels.position ? <span>{labels.position}</span> : null}
      {nextHref ? (
        <Link href={nextHref} className={listLink}>
          {labels.next} →
        </Link>
      ) : null}
    </nav>
  );
}

/** Previous and next page of a list paged by number, with where the reader is; nothing for one page. */
export function Pager({
  path,
  filter,
  page,
  pageCount,
  labels,
}: {
  path: string;
  filter: Record<string, unknown>;
  page: number;
  pageCount: number;
  labels: { nav: string; previous: string; next: string; position: string };
}) {
  if (pageCount <= 1) return null;
  return (
    <PageLinks
      previousHref={page > 1 ? `${path}${queryString(filter, { page: page - 1 })}` : undefined}
      nextHref={page < pageCount ? `${path}${queryString(filter, { page: page + 1 })}` : undefined}
      labels={labels}
    />
  );
}

/** The CSV and Excel exports of a list with its filter (`path` without the extension). */
export function ExportLinks({
  path,
  query,
  labels,
}: {
  path: string;
  query: string;
  labels: { export: string; csv: string; xlsx: string };
}) {
  return (
    <p className="flex gap-4">
      <span className="sr-only">{labels.export}:</span>
      <a href={`${path}.csv${query}`} className={listLink}>
        {labels.csv}
      </a>
      <a href={`${path}.xlsx${query}`} className={listLink}>
        {labels.xlsx}
      </a>
    </p>
  );
}
