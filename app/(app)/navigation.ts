import type { Messages } from 'next-intl';
import type { Action } from '@/lib/policy';

// The main menu. An item shows when the person may perform its action somewhere; the page and
// its queries check again. Features add their entry here.
export const NAV_ITEMS: { href: string; label: Exclude<keyof Messages['nav'], 'label'>; action?: Action }[] = [
  { href: '/', label: 'home' },
  { href: '/cases', label: 'cases', action: 'case.read' },
  { href: '/coordination', label: 'coordination', action: 'coordination.read' },
  { href: '/trainings', label: 'trainings', action: 'training.read' },
  { href: '/overview', label: 'statistics', action: 'statistics.read_suppressed' },
  { href: '/admin/users', label: 'users', action: 'user.manage' },
  { href: '/admin/security', label: 'security', action: 'user.manage' },
  { href: '/admin/audit', label: 'audit', action: 'audit.read' },
];
