'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useMessages, useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import type { CaseStatus } from '@/lib/enums';
import { applyActionError } from '@/lib/forms/action-result';
import { isMessageKey } from '@/lib/i18n';
import { todayInStockholm } from '@/lib/forms/fields';
import { recordStatusStepAction } from '../actions';
import { StatusStepSchema, type StatusStepInput, type StatusStepOutput } from '@/lib/schemas/cases';

/** Record the next step of the pipeline; only the steps that may follow are offered. */
export function StatusStepForm({ id, version, allowed }: { id: string; version: number; allowed: CaseStatus[] }) {
  const t = useTranslations('cases.detail');
  const tEnum = useTranslations('enums.caseStatus');
  const messages = useMessages();
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<StatusStepInput, unknown, StatusStepOutput>({
    resolver: zodResolver(StatusStepSchema),
    defaultValues: { id, version: String(version), status: allowed[0] ?? '', occurredOn: todayInStockholm(), note: '' },
  });

  // The case's version moves on when its other form (or a person's step) saves and the page refreshes.
  useEffect(() => setValue('version', String(version)), [version, setValue]);
  // …and with it the steps that may follow: a chosen step no longer possible gives way to the first that is.
  const chosen = useWatch({ control, name: 'status' });
  useEffect(() => {
    if (!allowed.includes(chosen as CaseStatus)) setValue('status', allowed[0] ?? '');
  }, [allowed, chosen, setValue]);
  const onSubmit = handleSubmit(async (values) => {
    const result = await recordStatusStepAction(values);
    if (result.ok) {
      reset({ id, version: String(result.data.version), status: '', occurredOn: todayInStockholm(), note: '' });
      router.refresh();
      return;
    }
    if (result.error === 'errors.conflict' || result.reason === 'status_transition') {
      // Someone recorded a step (or edited the case) meanwhile: fetch the case as it is now, so
      // that the list offers the steps now possible; what was typed stays.
      setError('root', { message: 'cases.detail.staleStep' });
      router.refresh();
      return;
    }
    const reason = result.reason ?? '';
    applyActionError(setError, result, {
      field:
        reason === 'status_date_before_previous' ? ['occurredOn', 'cases.errors.status_date_before_previous'] : null,
      notice: reason && isMessageKey(messages, `cases.errors.${reason}`) ? `cases.errors.${reason}` : result.error,
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 max-w-xl rounded border border-slate-300 p-4">
      <h3 className="font-semibold">{t('nextStep')}</h3>
      <FormAlert message={errors.root?.message} />
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('nextStatus')}
          values={allowed}
          labels={(s) => tEnum(s)}
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
