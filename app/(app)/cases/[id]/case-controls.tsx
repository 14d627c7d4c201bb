'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import type { CaseStatus } from '@/lib/enums';
import { deleteCaseAction, recordStatusStepAction, restoreCaseAction } from '../actions';
import { StatusStepSchema, todayInStockholm, type StatusStepInput, type StatusStepOutput } from '@/lib/schemas/cases';

/** Record the next step of the pipeline; only the steps that may follow are offered. */
export function StatusStepForm({ id, version, allowed }: { id: string; version: number; allowed: CaseStatus[] }) {
  const t = useTranslations('cases.detail');
  const tEnum = useTranslations('enums.caseStatus');
  const tErrors = useTranslations('cases.errors');
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<StatusStepInput, unknown, StatusStepOutput>({
    resolver: zodResolver(StatusStepSchema),
    defaultValues: { id, version: String(version), status: allowed[0] ?? '', occurredOn: todayInStockholm(), note: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = await recordStatusStepAction(values);
    if (result.ok) {
      reset({ id, version: String(result.data.version), status: '', occurredOn: todayInStockholm(), note: '' });
      router.refresh();
      return;
    }
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
      setError(path as FieldPath<StatusStepInput>, { message: messages[0] });
    if (result.reason === 'status_date_before_previous')
      setError('occurredOn', { message: 'cases.errors.status_date_before_previous' });
    const reason =
      result.reason && tErrors.has(result.reason as never) ? `cases.errors.${result.reason}` : result.error;
    setError('root', { message: reason });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 max-w-xl rounded border border-slate-300 p-4">
      <h3 className="font-semibold">{t('nextStep')}</h3>
      <FormAlert message={errors.root?.message} />
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('nextStatus')}
          values={allowed}
          labels={(s) => tEnum(s as never)}
          registration={register('status')}
          error={errors.status?.message}
        />
        <Field label={t('occurredOn')} error={errors.occurredOn?.message}>
          {(props) => <input {...props} {...register('occurredOn')} type="date" className={inputClass} />}
        </Field>
      </div>
      <div className="mt-4">
        <Field label={t('stepNote')} error={errors.note?.message}>
          {(props) => <textarea {...props} {...register('note')} rows={2} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-4`}>
        {t('recordStep')}
      </button>
    </form>
  );
}

/** Soft delete (with a confirmation) or restore. */
export function DeleteRestore({
  id,
  version,
  reference,
  deleted,
}: {
  id: string;
  version: number;
  reference: string;
  deleted: boolean;
}) {
  const t = useTranslations('cases.detail');
  const router = useRouter();
  const [error, setErrorMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    if (!deleted && !window.confirm(t('confirmDelete', { reference }))) return;
    setBusy(true);
    const result = deleted ? await restoreCaseAction({ id }) : await deleteCaseAction({ id, version: String(version) });
    setBusy(false);
    if (!result.ok) return setErrorMessage(result.error);
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
