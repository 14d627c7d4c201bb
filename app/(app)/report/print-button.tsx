'use client';

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
    >
      {label}
    </button>
  );
}
