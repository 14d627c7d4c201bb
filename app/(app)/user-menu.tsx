'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

// The user menu is a <details> (it works before the script loads); this adds what people expect
// of a menu: Escape and a click or focus elsewhere close it (Escape returns focus to its button),
// and it does not stay open over the next page.
export function UserMenu({ summary, children }: { summary: React.ReactNode; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const closeIfOutside = (event: Event) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', closeIfOutside);
    document.addEventListener('focusin', closeIfOutside);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', closeIfOutside);
      document.removeEventListener('focusin', closeIfOutside);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} className="relative">
      <summary className="cursor-pointer list-none rounded px-2 py-1 hover:bg-brand-700">{summary}</summary>
      {children}
    </details>
  );
}
