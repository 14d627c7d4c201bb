// A table wider than the screen scrolls inside its own box, never the page (reflow at 320 px,
// WCAG 1.4.10). The box is focusable and named, so that a keyboard can scroll it and a screen
// reader says what it holds (axe: scrollable-region-focusable).
export function TableScroll({
  label,
  labelledBy,
  className = '',
  children,
}: { children: React.ReactNode; className?: string } & (
  { label: string; labelledBy?: never } | { labelledBy: string; label?: never }
)) {
  return (
    <div
      role="group"
      tabIndex={0}
      aria-label={label}
      aria-labelledby={labelledBy}
      className={`overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${className}`.trim()}
    >
      {children}
    </div>
  );
}
