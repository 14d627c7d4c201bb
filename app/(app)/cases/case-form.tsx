'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { changedKeys, ConflictNotice, type Conflict } from '@/components/records/conflict-notice';
import { CheckboxGroup, SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, inputClass } from '@/components/ui/field';
import {
  AGE_BANDS,
  ARENAS,
  COERCION_DEGREES,
  CONTROL_METHODS,
  CRIME_ESTABLISHED,
  OFFENCES,
  ORIGIN_REGIONS,
  PERPETRATOR_ROLES,
  REPORTING_BODIES,
  RESIDENCE_PERMITS,
  SEXES,
  SUPPORT_MEASURES,
  YES_NO_UNKNOWN,
} from '@/lib/enums';
import { applyActionError, conflictDetails, detailsField } from '@/lib/forms/action-result';
import type { EnumTranslator } from '@/lib/i18n';
import { checkPoliceReportNumberAction, createCaseAction, updateCaseAction } from './actions';
import {
  CaseEditSchema,
  CaseSchema,
  type CaseEditInput,
  type CaseEditOutput,
  type PartyInput,
} from '@/lib/schemas/cases';
import { ErrorSummary } from '@/components/ui/error-summary';
import { savedHref } from '@/lib/forms/fields';

type FormValues = CaseEditInput;
type Duplicates = { sameCounty: { id: string; reference: string }[]; otherCounty: boolean };

const newVictim = (): PartyInput => ({
  id: '',
  role: 'victim',
  sex: '',
  ageBand: '',
  originRegion: '',
  citizenship: '',
  plaintiffStatus: '',
  residencePermit: '',
  support: [],
});
const newPerpetrator = (): PartyInput => ({
  id: '',
  role: 'perpetrator',
  sex: '',
  ageBand: '',
  originRegion: '',
  citizenship: '',
  perpetratorRole: '',
});

/** Fields shown in the conflict summary, in form order. */
const CONFLICT_FIELDS = [
  'reportedOn',
  'reportingBody',
  'policeReportNumber',
  'offences',
  'arena',
  'onlinePlatform',
  'crossBorder',
  'crimeEstablished',
  'coercionDegree',
  'controlMethods',
  'parties',
  'notes',
] as const;
type ConflictField = (typeof CONFLICT_FIELDS)[number];

/**
 * Register or edit a case. The same zod schema runs here and in the server action; whatever the
 * server refuses comes back to the field it concerns, and every value typed stays in the form.
 */
export function CaseForm({
  mode,
  defaults,
  counties,
  reference,
}: {
  mode: 'create' | 'edit';
  defaults: FormValues;
  /** Counties the person may choose from; one county = fixed (county roles). */
  counties: { code: string; name: string }[];
  reference?: string;
}) {
  const t = useTranslations('cases.form');
  const tEnum = useTranslations('enums');
  const tConflict = useTranslations('cases.conflict');
  const router = useRouter();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<FormValues, unknown, CaseEditOutput>({
    // The error summary takes the focus after a refused save (components/ui/error-summary.tsx).
    shouldFocusError: false,
    // Registration has no id/version yet: validate with the schema that fits the mode.
    resolver: zodResolver((mode === 'edit' ? CaseEditSchema : CaseSchema) as typeof CaseEditSchema),
    defaultValues: defaults,
  });
  const parties = useFieldArray({ control, name: 'parties' as never }) as unknown as {
    fields: (PartyInput & { id: string })[];
    append: (party: PartyInput, options?: { focusName?: string }) => void;
    remove: (index: number) => void;
  };
  const partyValues = (useWatch({ control, name: 'parties' }) ?? []) as PartyInput[];

  const onSubmit = handleSubmit(async (values) => {
    setConflict(null);
    const result = mode === 'edit' ? await updateCaseAction(values) : await createCaseAction(values);
    if (result.ok) {
      router.push(savedHref(`/cases/${result.data.id}`, mode === 'edit' ? 'updated' : 'created'));
      router.refresh();
      return;
    }
    const stored = conflictDetails<Conflict>(result);
    if (stored) return setConflict(stored);
    applyActionError(setError, result, { field: detailsField(result), summary: 'cases.form.fieldErrorsSummary' });
  });

  async function checkDuplicates(value: string) {
    if (!value.trim()) return setDuplicates(null);
    const result = await checkPoliceReportNumberAction({
      policeReportNumber: value,
      excludeCaseId: mode === 'edit' ? String(defaults.id) : undefined,
    });
    setDuplicates(result.ok && (result.data.sameCounty.length > 0 || result.data.otherCounty) ? result.data : null);
  }

  const err = (message?: string) => message;
  const partyErrors = (errors.parties ?? []) as unknown as Record<string, { message?: string } | undefined>[];
  const policeNumberField = register('policeReportNumber', {
    onBlur: (event) => void checkDuplicates(event.target.value),
  });
  const changed = conflict
    ? changedKeys(conflict.current, defaults as Record<string, unknown>, CONFLICT_FIELDS).map((key) =>
        tConflict('field', { field: t(key), current: shownValue(key, conflict.current?.[key], tEnum) }),
      )
    : [];

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-3xl">
      <ErrorSummary errors={errors} submitCount={submitCount} message={errors.root?.message} />
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          changed={changed}
          reloadHref={`/cases/${String(defaults.id)}/edit`}
          messages="cases.conflict"
        />
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
              error={err(errors.countyCode?.message)}
              placeholder={t('chooseCounty')}
            />
          ) : (
            <input type="hidden" {...register('countyCode')} />
          )}
          <Field label={t('reportedOn')} error={errors.reportedOn?.message}>
            {(props) => <input {...props} {...register('reportedOn')} type="date" className={inputClass} />}
          </Field>
          <SelectField
            label={t('reportingBody')}
            values={REPORTING_BODIES}
            labels={(v) => tEnum(`reportingBody.${v}`)}
            registration={register('reportingBody')}
            error={err(errors.reportingBody?.message)}
            placeholder={t('choose')}
          />
          <div>
            <Field
              label={t('policeReportNumber')}
              hint={t('policeReportNumberHint')}
              error={errors.policeReportNumber?.message}
            >
              {(props) => (
                <input {...props} {...policeNumberField} type="text" autoComplete="off" className={inputClass} />
              )}
            </Field>
            {duplicates ? (
              <div
                role="status"
                className="mt-2 rounded border border-amber-600 bg-amber-50 p-2 text-sm text-amber-900"
              >
                {duplicates.sameCounty.length > 0 ? (
                  <p>
                    {t('duplicateSameCounty')}{' '}
                    {duplicates.sameCounty.map((d, i) => (
                      <span key={d.id}>
                        {i > 0 ? ', ' : ''}
                        <Link href={`/cases/${d.id}`} className="font-medium underline">
                          {d.reference}
                        </Link>
                      </span>
                    ))}
                  </p>
                ) : null}
                {duplicates.otherCounty ? <p>{t('duplicateOtherCounty')}</p> : null}
              </div>
            ) : null}
          </div>
        </div>
        <div className="mt-4">
          <CheckboxGroup
            legend={t('offences')}
            values={OFFENCES}
            labels={(v) => tEnum(`offence.${v}`)}
            registration={register('offences')}
            error={err(errors.offences?.message)}
          />
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('circumstances')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('arena')}
            values={ARENAS}
            labels={(v) => tEnum(`arena.${v}`)}
            registration={register('arena')}
            error={err(errors.arena?.message)}
            placeholder={t('choose')}
          />
          <SelectField
            label={t('onlinePlatform')}
            values={YES_NO_UNKNOWN}
            labels={(v) => tEnum(`yesNoUnknown.${v}`)}
            registration={register('onlinePlatform')}
            error={err(errors.onlinePlatform?.message)}
          />
          <SelectField
            label={t('crossBorder')}
            values={YES_NO_UNKNOWN}
            labels={(v) => tEnum(`yesNoUnknown.${v}`)}
            registration={register('crossBorder')}
            error={err(errors.crossBorder?.message)}
          />
          <SelectField
            label={t('crimeEstablished')}
            values={CRIME_ESTABLISHED}
            labels={(v) => tEnum(`crimeEstablished.${v}`)}
            registration={register('crimeEstablished')}
            error={err(errors.crimeEstablished?.message)}
            placeholder={t('choose')}
          />
          <div className="sm:col-span-2">
            <SelectField
              label={t('coercionDegree')}
              values={COERCION_DEGREES}
              labels={(v) => tEnum(`coercionDegree.${v}`)}
              registration={register('coercionDegree')}
              error={err(errors.coercionDegree?.message)}
              placeholder={t('choose')}
            />
          </div>
        </div>
        <div className="mt-4">
          <CheckboxGroup
            legend={t('controlMethods')}
            values={CONTROL_METHODS}
            labels={(v) => tEnum(`controlMethod.${v}`)}
            registration={register('controlMethods')}
            error={err(errors.controlMethods?.message)}
          />
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('parties')}</legend>
        <p className="text-sm text-slate-700">{t('partiesHint')}</p>
        {parties.fields.length === 0 ? <p className="mt-2">{t('noParties')}</p> : null}
        {parties.fields.map((field, index) => {
          const role = partyValues[index]?.role ?? field.role;
          const number = partyValues.slice(0, index + 1).filter((p) => p.role === role).length;
          const name = role === 'victim' ? t('victim', { number }) : t('perpetrator', { number });
          const e = partyErrors[index] ?? {};
          const p = (key: string) => `parties.${index}.${key}` as FieldPath<FormValues>;
          return (
            <fieldset key={field.id} className="mt-4 rounded border border-slate-300 bg-slate-50 p-4">
              <legend className="px-1 font-semibold">{name}</legend>
              <input type="hidden" {...register(p('role'))} />
              {/* The stored party this row edits: its justice steps stay with it (decision 012). */}
              <input type="hidden" {...register(p('id'))} />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label={t('sex')}
                  values={SEXES}
                  labels={(v) => tEnum(`sex.${v}`)}
                  registration={register(p('sex'))}
                  error={e.sex?.message}
                  placeholder={t('choose')}
                />
                <SelectField
                  label={t('ageBand')}
                  values={AGE_BANDS}
                  labels={(v) => tEnum(`ageBand.${v}`)}
                  registration={register(p('ageBand'))}
                  error={e.ageBand?.message}
                  placeholder={t('choose')}
                />
                <SelectField
                  label={t('originRegion')}
                  values={ORIGIN_REGIONS}
                  labels={(v) => tEnum(`originRegion.${v}`)}
                  registration={register(p('originRegion'))}
                  error={e.originRegion?.message}
                  placeholder={t('choose')}
                />
                <Field label={t('citizenship')} hint={t('citizenshipHint')} error={e.citizenship?.message}>
                  {(props) => (
                    <input
                      {...props}
                      {...register(p('citizenship'))}
                      type="text"
                      maxLength={2}
                      autoComplete="off"
                      className={`${inputClass} uppercase`}
                    />
                  )}
                </Field>
                {role === 'victim' ? (
                  <>
                    <SelectField
                      label={t('plaintiffStatus')}
                      values={YES_NO_UNKNOWN}
                      labels={(v) => tEnum(`yesNoUnknown.${v}`)}
                      registration={register(p('plaintiffStatus'))}
                      error={e.plaintiffStatus?.message}
                      placeholder={t('choose')}
                    />
                    <SelectField
                      label={t('residencePermit')}
                      values={RESIDENCE_PERMITS}
                      labels={(v) => tEnum(`residencePermit.${v}`)}
                      registration={register(p('residencePermit'))}
                      error={e.residencePermit?.message}
                      placeholder={t('choose')}
                    />
                    <div className="sm:col-span-2">
                      <CheckboxGroup
                        legend={t('support')}
                        values={SUPPORT_MEASURES}
                        labels={(v) => tEnum(`supportMeasure.${v}`)}
                        registration={register(p('support'))}
                        error={e.support?.message}
                      />
                    </div>
                  </>
                ) : (
                  <SelectField
                    label={t('perpetratorRole')}
                    values={PERPETRATOR_ROLES}
                    labels={(v) => tEnum(`perpetratorRole.${v}`)}
                    registration={register(p('perpetratorRole'))}
                    error={e.perpetratorRole?.message}
                    placeholder={t('choose')}
                  />
                )}
              </div>
              <button
                type="button"
                onClick={() => parties.remove(index)}
                className="mt-4 rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
              >
                {t('remove', { name })}
              </button>
            </fieldset>
          );
        })}
        <div className="mt-4 flex flex-wrap gap-3">
          <button
            type="button"
            onClick={() => parties.append(newVictim(), { focusName: `parties.${parties.fields.length}.sex` })}
            className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t('addVictim')}
          </button>
          <button
            type="button"
            onClick={() => parties.append(newPerpetrator(), { focusName: `parties.${parties.fields.length}.sex` })}
            className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t('addPerpetrator')}
          </button>
        </div>
      </fieldset>

      <div className="mt-6">
        <Field label={t('notes')} hint={t('notesHint')} error={errors.notes?.message}>
          {(props) => <textarea {...props} {...register('notes')} rows={5} className={inputClass} />}
        </Field>
      </div>

      <div className="mt-6 flex items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass}>
          {isSubmitting ? t('saving') : mode === 'edit' ? t('save') : t('register')}
        </button>
        <Link
          href={mode === 'edit' ? `/cases/${String(defaults.id)}` : '/cases'}
          className="font-medium text-brand-700 underline"
        >
          {t('cancel')}
        </Link>
        {reference ? <span className="sr-only">{reference}</span> : null}
      </div>
    </form>
  );
}

/** A stored value in words when it is one of the enum's (what the server sends back is untyped). */
function enumWord<Value extends string>(values: readonly Value[], label: (value: Value) => string) {
  return (stored: unknown) => {
    const value = values.find((v) => v === stored);
    return value === undefined ? String(stored) : label(value);
  };
}

/** The conflict summary's fields whose values are categories. */
function conflictWords(tEnum: EnumTranslator): Partial<Record<ConflictField, (stored: unknown) => string>> {
  return {
    reportingBody: enumWord(REPORTING_BODIES, (v) => tEnum(`reportingBody.${v}`)),
    offences: enumWord(OFFENCES, (v) => tEnum(`offence.${v}`)),
    arena: enumWord(ARENAS, (v) => tEnum(`arena.${v}`)),
    onlinePlatform: enumWord(YES_NO_UNKNOWN, (v) => tEnum(`yesNoUnknown.${v}`)),
    crossBorder: enumWord(YES_NO_UNKNOWN, (v) => tEnum(`yesNoUnknown.${v}`)),
    crimeEstablished: enumWord(CRIME_ESTABLISHED, (v) => tEnum(`crimeEstablished.${v}`)),
    coercionDegree: enumWord(COERCION_DEGREES, (v) => tEnum(`coercionDegree.${v}`)),
    controlMethods: enumWord(CONTROL_METHODS, (v) => tEnum(`controlMethod.${v}`)),
  };
}

/** A stored value as the conflict notice shows it: categories in words, parties as their number. */
function shownValue(key: ConflictField, value: unknown, tEnum: EnumTranslator): string {
  if (value === null || value === undefined || value === '') return '–';
  if (key === 'parties' && Array.isArray(value)) return String(value.length);
  const word = conflictWords(tEnum)[key] ?? String;
  return Array.isArray(value) ? value.map(word).join(', ') : word(value);
}
