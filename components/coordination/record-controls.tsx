'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
// TEMPORARY, branch tooling only: the ui helper is making these actions props (issue 10).
/* eslint-disable import/no-restricted-paths */
import {
  deleteGroupAction,
  deleteMeetingAction,
  restoreGroupAction,
  restoreMeetingAction,
} from '@/app/(app)/coordination/actions';
import { deleteTrainingAction, restoreTrainingAction } from '@/app/(app)/trainings/actions';
/* eslint-enable import/no-restricted-paths */
import { buttonClass, FormAlert } from '@/components/ui/field';

const ACTIONS = {
  group: { remove: deleteGroupAction, restore: restoreGroupAction },
  meeting: { remove: deleteMeetingAction, restore: restoreMeetingAction },
  training: { remove: deleteTrainingAction, restore: restoreTrainingAction },
} as const;

/** Soft delete (after a confirmation) or restore of a group, meeting or training. */
export function DeleteRestore({
  kind,
  id,
  version,
  name,
  deleted,
  afterDelete,
}: {
  kind: keyof typeof ACTIONS;
  id: string;
  version: number;
  name: string;
  deleted: boolean;
  afterDelete?: string;
}) {
  const t = useTranslations(`coordination.controls.${kind}`);
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    if (!deleted && !window.confirm(t('confirmDelete', { name }))) return;
    setBusy(true);
    const result = deleted
      ? await ACTIONS[kind].restore({ id })
      : await ACTIONS[kind].remove({ id, version: String(version) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (!deleted && afterDelete) router.push(afterDelete);
    router.refresh();
  }

  return (
    <div>
      <button
        type="button"
        onClick={run}
        disabled={busy}
        className={
          deleted
            ? buttonClass
            : 'rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60'
        }
      >
        {deleted ? t('restore') : t('delete')}
      </button>
      <FormAlert message={error} />
    </div>
  );
}
