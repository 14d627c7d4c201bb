import Link from 'next/link';

/** The 403 and 404 pages: they render outside the signed-in shell, so they carry their own landmarks. */
export function StatusPage({ title, body, back }: { title: string; body: string; back: string }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-4 text-slate-700">{body}</p>
      <p className="mt-8">
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          {back}
        </Link>
      </p>
    </main>
  );
}
