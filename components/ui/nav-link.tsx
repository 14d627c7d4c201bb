'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A menu link that tells screen readers which page is open (aria-current). */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`block px-3 py-2 text-white hover:bg-brand-900 ${current ? 'border-b-4 border-white font-semibold' : 'border-b-4 border-transparent'}`}
    >
      {children}
    </Link>
  );
}
