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

/** Previous and next page of a list, with where the reader is. */
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
    <nav aria-label={labels.nav} className="mt-4 flex flex-wrap items-center gap-6">
      {page > 1 ? (
        <Link
          href={`${path}${queryString(filter, { page: page - 1 })}`}
          className="font-medium text-brand-700 underline"
        >
          ← {labels.previous}
        </Link>
      ) : null}
      <span>{labels.position}</span>
      {page < pageCount ? (
        <Link
          href={`${path}${queryString(filter, { page: page + 1 })}`}
          className="font-medium text-brand-700 underline"
        >
          {labels.next} →
        </Link>
      ) : null}
    </nav>
  );
}

export const filterSelectClass = 'mt-1 w-full rounded border border-slate-500 px-2 py-1.5';
export const filterInputClass = 'mt-1 w-full rounded border border-slate-500 px-2 py-1';

/** A labelled select of a GET filter form. */
export function FilterSelect({
  name,
  label,
  current,
  any,
  options,
}: {
  name: string;
  label: string;
  current?: string;
  any: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={current ?? ''} className={filterSelectClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled date input of a GET filter form. */
export function FilterDate({ name, label, current }: { name: string; label: string; current?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type="date" defaultValue={current ?? ''} className={filterInputClass} />
    </div>
  );
}

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
