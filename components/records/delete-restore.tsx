'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass, dangerButtonClass, FormAlert } from '@/components/ui/field';
import type { ActionResult } from '@/lib/forms/action-result';

/**
 * Soft delete (after a confirmation) or restore of a record of any register. The page passes the
 * register's server actions, and where its words are (delete, restore, and confirmDelete, which
 * names the record).
 */
export function DeleteRestore({
  id,
  version,
  deleted,
  deleteAction,
  restoreAction,
  messages,
  name,
}: {
  id: string;
  version: number;
  deleted: boolean;
  deleteAction: (input: { id: string; version: string }) => Promise<ActionResult<unknown>>;
  restoreAction: (input: { id: string }) => Promise<ActionResult<unknown>>;
  messages: 'cases.controls' | `coordination.controls.${'group' | 'meeting' | 'training'}`;
  /** The record as the question names it (a case's reference, a group's name). */
  name: string;
}) {
  const t = useTranslations(messages);
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    if (!deleted && !window.confirm(t('confirmDelete', { name }))) return;
    setBusy(true);
    const result = deleted ? await restoreAction({ id }) : await deleteAction({ id, version: String(version) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    router.refresh();
  }

  return (
    <div>
      <button type="button" onClick={run} disabled={busy} className={deleted ? buttonClass : dangerButtonClass}>
        {deleted ? t('restore') : t('delete')}
      </button>
      <FormAlert message={error} />
    </div>
  );
}
