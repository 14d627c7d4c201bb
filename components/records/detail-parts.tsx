/** One fact of a record's detail page: a term and its value, inside a <dl>. */
export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

/** Says that the record is deleted; the page gives when and by whom. */
export function DeletedNotice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="mt-4 rounded border border-amber-600 bg-amber-50 p-3 text-amber-900">
      {children}
    </p>
  );
}
