'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { SelectField } from '@/components/ui/choice-fields';
import { buttonClass, FormAlert, FormSaved, secondaryButtonClass } from '@/components/ui/field';
import { applyActionError } from '@/lib/forms/action-result';
import { ReleaseDaySchema, type ReleaseDayInput, type ReleaseDayOutput } from '@/lib/schemas/releases';
import { releaseYearAction, setReleaseDayAction } from './actions';

/**
 * Release a complete year, or a new version of it: the outcome said in words beside the button.
 * Mounted whether or not the button is offered (`offered`: the year has no release yet, or its
 * figures changed), so that the outcome stays in place when the page, refreshed, no longer offers it.
 */
export function ReleaseYearButton({ year, again, offered }: { year: number; again: boolean; offered: boolean }) {
  const t = useTranslations('statistics.releases');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const release = async () => {
    setPending(true);
    setOutcome(null);
    const result = await releaseYearAction({ year });
    setPending(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: String(result.details?.message ?? result.error) });
      return;
    }
    const { release, created } = result.data;
    setOutcome({
      ok: true,
      text: t(created ? 'released' : 'notChanged', { year: String(year), version: release.version }),
    });
    router.refresh();
  };
  return (
    <div>
      {offered || pending ? (
        <button
          type="button"
          onClick={release}
          disabled={pending}
          className={again ? secondaryButtonClass : buttonClass}
        >
          {t(again ? 'releaseAgain' : 'release', { year: String(year) })}
        </button>
      ) : null}
      {outcome?.ok ? <FormSaved message={outcome.text} /> : <FormAlert message={outcome?.text} />}
    </div>
  );
}

const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

/** The day of the following year on which a year is released automatically, or none. */
export function ReleaseDayForm({ day, version }: { day: string | null; version: number }) {
  const t = useTranslations('statistics.releases');
  const format = useFormatter();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [month, date] = (day ?? '03-01').split('-').map(Number) as [number, number];
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<ReleaseDayInput, unknown, ReleaseDayOutput>({
    resolver: zodResolver(ReleaseDaySchema),
    defaultValues: { automatic: day !== null, month: String(month), day: String(date), version },
  });
  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const result = await setReleaseDayAction(values);
    if (result.ok) {
      // The next save is an edit of this one.
      setValue('version', result.data.version);
      setSaved(true);
      router.refresh();
      return;
    }
    applyActionError(setError, result);
  });
  const monthName = (m: string) =>
    format.dateTime(new Date(Date.UTC(2001, Number(m) - 1, 1)), { month: 'long', timeZone: 'UTC' });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 max-w-xl">
      <FormAlert message={errors.root?.message} />
      <FormSaved message={saved ? t('daySaved') : null} />
      <input type="hidden" {...register('version')} />
      <label className="mt-4 flex items-start gap-2">
        <input type="checkbox" {...register('automatic')} className="mt-1 h-4 w-4" />
        <span>{t('automaticLabel')}</span>
      </label>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('month')}
          values={MONTHS}
          labels={monthName}
          registration={register('month')}
          error={errors.month?.message}
        />
        <SelectField
          label={t('day')}
          values={DAYS}
          labels={(d) => d}
          registration={register('day')}
          error={errors.day?.message}
        />
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {t('daySave')}
      </button>
    </form>
  );
}
