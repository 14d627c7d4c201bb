/**
 * Marks an overdue action item by text and a symbol as well as colour (WCAG 1.4.1): "⚠ Försenad".
 * The symbol is decorative; the word carries the meaning for screen readers.
 */
export function OverdueBadge({ label }: { label: string }) {
  return (
    <span className="ml-2 inline-flex items-center gap-1 rounded border border-red-800 bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-900">
      <span aria-hidden="true">⚠</span>
      {label}
    </span>
  );
}
