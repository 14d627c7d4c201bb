// A list's GET filter form and its fields: a label above each, ids "filter-<name>" so that the
// labels point at them.
import Link from 'next/link';
import { buttonClass } from '@/components/ui/field';

const filterSelectClass = 'mt-1 w-full rounded border border-slate-500 px-2 py-1.5';
const filterInputClass = 'mt-1 w-full rounded border border-slate-500 px-2 py-1';

/** A labelled select of a filter form; `any` is the first, empty option ("all"), if the filter has one. */
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
  any?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={current ?? ''} className={filterSelectClass}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled date input of a filter form. */
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

/** A labelled search input of a filter form. */
export function FilterSearch({
  name,
  label,
  current,
  maxLength,
}: {
  name: string;
  label: string;
  current?: string;
  maxLength: number;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        type="search"
        defaultValue={current ?? ''}
        maxLength={maxLength}
        className={filterInputClass}
      />
    </div>
  );
}

/** A labelled checkbox of a filter form, sent as "1" when ticked (e.g. "show deleted ones too"). */
export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 self-end">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-4 w-4" />
      {label}
    </label>
  );
}

/** A list's filter form (a search landmark): the fields in a grid, then apply and a link that clears them all. */
export function FilterForm({
  label,
  clearHref,
  labels,
  children,
}: {
  label: string;
  clearHref: string;
  labels: { apply: string; clear: string };
  children: React.ReactNode;
}) {
  return (
    <form method="get" role="search" aria-label={label} className="mt-6 rounded border border-slate-300 p-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass}>
          {labels.apply}
        </button>
        <Link href={clearHref} className="font-medium text-brand-700 underline">
          {labels.clear}
        </Link>
      </div>
    </form>
  );
}
