import { getTranslations } from 'next-intl/server';
import { SubNav } from '@/components/coordination/sub-nav';

/** Groups, meetings and action items: one register with its own menu. */
export default async function CoordinationLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('coordination.nav');
  return (
    <>
      <SubNav
        label={t('label')}
        items={[
          { href: '/coordination', label: t('groups'), match: ['/coordination', '/coordination/groups'] },
          { href: '/coordination/meetings', label: t('meetings'), match: ['/coordination/meetings'] },
          { href: '/coordination/action-items', label: t('actionItems'), match: ['/coordination/action-items'] },
        ]}
      />
      {children}
    </>
  );
}
