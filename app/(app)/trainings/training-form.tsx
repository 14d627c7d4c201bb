'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { changedKeys, ConflictNotice, type Conflict } from '@/components/records/conflict-notice';
import { CheckboxGroup, SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import { EVENT_FORMATS, TRAINING_AUDIENCES, TRAINING_ORGANISERS, TRAINING_THEMES } from '@/lib/enums';
import { applyActionError, conflictDetails, detailsField } from '@/lib/forms/action-result';
import { createTrainingAction, updateTrainingAction } from './actions';
import {
  participantTotal,
  TRAINING_LIMITS,
  TrainingEditSchema,
  TrainingSchema,
  type ParticipantsInput,
  type TrainingEditInput,
  type TrainingEditOutput,
} from '@/lib/schemas/trainings';
import { ErrorSummary } from '@/components/ui/error-summary';
import { savedHref } from '@/lib/forms/fields';

type FormValues = TrainingEditInput;

const CONFLICT_FIELDS = [
  'organiser',
  'title',
  'startsOn',
  'endsOn',
  'format',
  'hours',
  'themes',
  'participants',
  'evaluation',
  'groupId',
  'description',
] as const;

/**
 * Register or edit a training: who organised it, what about, for whom and how many. Participants
 * are counted per target audience; the total is their sum, shown as it is typed.
 */
export function TrainingForm({
  mode,
  defaults,
  counties,
  groups,
}: {
  mode: 'create' | 'edit';
  defaults: FormValues;
  /** Counties the person may choose from; one county = fixed (county roles, and every edit). */
  counties: { code: string; name: string }[];
  /** Groups a training may be linked to, with the counties that run or take part in each. */
  groups: { id: string; name: string; counties: string[] }[];
}) {
  const t = useTranslations('trainings.form');
  const tEnum = useTranslations('enums');
  const format = useFormatter();
  const router = useRouter();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<FormValues, unknown, TrainingEditOutput>({
    // The error summary takes the focus after a refused save (components/ui/error-summary.tsx).
    shouldFocusError: false,
    resolver: zodResolver((mode === 'edit' ? TrainingEditSchema : TrainingSchema) as typeof TrainingEditSchema),
    defaultValues: defaults,
  });
  const rows = useFieldArray({ control, name: 'participants' as never, keyName: 'key' }) as unknown as {
    fields: (ParticipantsInput & { key: string })[];
    append: (row: ParticipantsInput, options?: { focusName?: string }) => void;
    remove: (index: number) => void;
  };
  const participants = (useWatch({ control, name: 'participants' }) ?? []) as ParticipantsInput[];
  const county = useWatch({ control, name: 'countyCode' });
  const total = participantTotal(participants);
  const linkable = groups.filter((g) => !county || g.counties.includes(String(county)));

  const onSubmit = handleSubmit(async (values) => {
    setConflict(null);
    const result = mode === 'edit' ? await updateTrainingAction(values) : await createTrainingAction(values);
    if (result.ok) {
      router.push(savedHref(`/trainings/${result.data.id}`, mode === 'edit' ? 'updated' : 'created'));
      router.refresh();
      return;
    }
    const stored = conflictDetails<Conflict>(result);
    if (stored) return setConflict(stored);
    applyActionError(setError, result, { field: detailsField(result), summary: 'trainings.form.fieldErrorsSummary' });
  });

  const rowErrors = (errors.participants ?? []) as unknown as Record<string, { message?: string } | undefined>[];
  const listError =
    (errors.participants as { message?: string; root?: { message?: string } } | undefined)?.message ??
    (errors.participants as { root?: { message?: string } } | undefined)?.root?.message;
  const changed = conflict
    ? changedKeys(conflict.current, defaults as Record<string, unknown>, CONFLICT_FIELDS).map((key) => t(key))
    : [];
  const nextAudience = () => TRAINING_AUDIENCES.find((a) => !participants.some((p) => p.audience === a)) ?? '';

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-3xl">
      <ErrorSummary errors={errors} submitCount={submitCount} message={errors.root?.message} />
      {conflict ? (
        <ConflictNotice conflict={conflict} changed={changed} reloadHref={`/trainings/${String(defaults.id)}/edit`} />
      ) : null}

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('basics')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {counties.length > 1 && mode === 'create' ? (
            <SelectField
              label={t('county')}
              values={counties.map((c) => c.code)}
              labels={(code) => counties.find((c) => c.code === code)?.name ?? code}
              registration={register('countyCode')}
              error={errors.countyCode?.message}
              placeholder={t('chooseCounty')}
            />
          ) : (
            <div>
              <p className="font-medium">{t('county')}</p>
              <p className="mt-1 py-2">{counties.find((c) => c.code === defaults.countyCode)?.name}</p>
              <input type="hidden" {...register('countyCode')} />
            </div>
          )}
          <SelectField
            label={t('organiser')}
            values={TRAINING_ORGANISERS}
            labels={(v) => tEnum(`trainingOrganiser.${v}`)}
            registration={register('organiser')}
            error={errors.organiser?.message}
            placeholder={t('choose')}
          />
          <div className="sm:col-span-2">
            <Field label={t('title')} hint={t('titleHint')} error={errors.title?.message}>
              {(props) => (
                <input
                  {...props}
                  {...register('title')}
                  type="text"
                  maxLength={TRAINING_LIMITS.title}
                  autoComplete="off"
                  className={inputClass}
                />
              )}
            </Field>
          </div>
          <Field label={t('startsOn')} error={errors.startsOn?.message}>
            {(props) => <input {...props} {...register('startsOn')} type="date" className={inputClass} />}
          </Field>
          <Field label={t('endsOn')} error={errors.endsOn?.message}>
            {(props) => <input {...props} {...register('endsOn')} type="date" className={inputClass} />}
          </Field>
          <SelectField
            label={t('format')}
            values={EVENT_FORMATS}
            labels={(v) => tEnum(`eventFormat.${v}`)}
            registration={register('format')}
            error={errors.format?.message}
            placeholder={t('choose')}
          />
          <Field label={t('hours')} hint={t('hoursHint')} error={errors.hours?.message}>
            {(props) => (
              <input
                {...props}
                {...register('hours')}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <div className="mt-4">
          <CheckboxGroup
            legend={t('themes')}
            values={TRAINING_THEMES}
            labels={(v) => tEnum(`trainingTheme.${v}`)}
            registration={register('themes')}
            error={errors.themes?.message}
          />
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('participants')}</legend>
        <p className="text-sm text-slate-700">{t('participantsHint')}</p>
        {listError ? <FormAlert message={listError} /> : null}
        {rows.fields.map((field, index) => {
          const e = rowErrors[index] ?? {};
          const p = (key: string) => `participants.${index}.${key}` as FieldPath<FormValues>;
          const label = t('audienceRow', { number: index + 1 });
          return (
            <fieldset key={field.key} className="mt-4 rounded border border-slate-300 bg-slate-50 p-4">
              <legend className="px-1 font-semibold">{label}</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label={t('audience')}
                  values={TRAINING_AUDIENCES}
                  labels={(v) => tEnum(`trainingAudience.${v}`)}
                  registration={register(p('audience'))}
                  error={e.audience?.message}
                  placeholder={t('choose')}
                />
                <Field label={t('count')} error={e.participants?.message}>
                  {(props) => (
                    <input
                      {...props}
                      {...register(p('participants'))}
                      type="number"
                      min={0}
                      max={TRAINING_LIMITS.participants}
                      inputMode="numeric"
                      className={inputClass}
                    />
                  )}
                </Field>
              </div>
              <button
                type="button"
                onClick={() => rows.remove(index)}
                className="mt-4 rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
              >
                {t('removeAudience', { name: label })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() =>
            rows.append(
              { audience: nextAudience(), participants: '' },
              { focusName: `participants.${rows.fields.length}.audience` },
            )
          }
          disabled={rows.fields.length >= TRAINING_AUDIENCES.length}
          className="mt-4 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          {t('addAudience')}
        </button>
        <p aria-live="polite" className="mt-4 text-lg font-semibold">
          {t('total', { total: format.number(total) })}
        </p>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('followUp')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('evaluation')} hint={t('evaluationHint')} error={errors.evaluation?.message}>
            {(props) => (
              <input
                {...props}
                {...register('evaluation')}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                className={inputClass}
              />
            )}
          </Field>
          <SelectField
            label={t('group')}
            hint={t('groupHint')}
            values={linkable.map((g) => g.id)}
            labels={(id) => groups.find((g) => g.id === id)?.name ?? id}
            registration={register('groupId')}
            error={errors.groupId?.message}
            placeholder={t('noGroup')}
          />
        </div>
        <div className="mt-4">
          <Field label={t('description')} hint={t('descriptionHint')} error={errors.description?.message}>
            {(props) => <textarea {...props} {...register('description')} rows={3} className={inputClass} />}
          </Field>
        </div>
      </fieldset>

      <div className="mt-6 flex items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass}>
          {isSubmitting ? t('saving') : mode === 'edit' ? t('save') : t('create')}
        </button>
        <Link
          href={mode === 'edit' ? `/trainings/${String(defaults.id)}` : '/trainings'}
          className="font-medium text-brand-700 underline"
        >
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
