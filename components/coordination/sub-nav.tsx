'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The coordination register's own menu (groups, meetings, action items), marking the open part with aria-current. */
export function SubNav({ label, items }: { label: string; items: { href: string; label: string; match: string[] }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {items.map((item) => {
          const current = item.match.some((prefix) =>
            prefix === item.href ? pathname === prefix : pathname === prefix || pathname.startsWith(`${prefix}/`),
          );
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px block border-b-4 px-3 py-2 ${current ? 'border-brand-700 font-semibold text-slate-900' : 'border-transparent text-brand-700 underline-offset-2 hover:underline'}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
