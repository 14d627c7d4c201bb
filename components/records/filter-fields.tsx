// The fields of a list's GET filter form: a label above each, ids "filter-<name>" so that the
// labels point at them.

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
