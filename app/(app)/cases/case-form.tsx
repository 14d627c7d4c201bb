'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { changedKeys, ConflictNotice, type Conflict } from '@/components/records/conflict-notice';
import { CheckboxGroup, SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
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
import { checkPoliceReportNumberAction, createCaseAction, updateCaseAction } from './actions';
import {
  CaseEditSchema,
  CaseSchema,
  type CaseEditInput,
  type CaseEditOutput,
  type PartyInput,
} from '@/lib/schemas/cases';

type FormValues = CaseEditInput;
type Duplicates = { sameCounty: { id: string; reference: string }[]; otherCounty: boolean };

const newVictim = (): PartyInput => ({
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

/** The category lists of the single-choice fields in the conflict summary. */
const CONFLICT_ENUMS: Record<string, string> = {
  reportingBody: 'reportingBody',
  arena: 'arena',
  onlinePlatform: 'yesNoUnknown',
  crossBorder: 'yesNoUnknown',
  crimeEstablished: 'crimeEstablished',
  coercionDegree: 'coercionDegree',
};

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
    formState: { errors, isSubmitting },
  } = useForm<FormValues, unknown, CaseEditOutput>({
    // Registration has no id/version yet: validate with the schema that fits the mode.
    resolver: zodResolver((mode === 'edit' ? CaseEditSchema : CaseSchema) as typeof CaseEditSchema),
    defaultValues: defaults,
  });
  const parties = useFieldArray({ control, name: 'parties' as never }) as unknown as {
    fields: (PartyInput & { id: string })[];
    append: (party: PartyInput) => void;
    remove: (index: number) => void;
  };
  const partyValues = (useWatch({ control, name: 'parties' }) ?? []) as PartyInput[];

  const onSubmit = handleSubmit(async (values) => {
    setConflict(null);
    const result = mode === 'edit' ? await updateCaseAction(values) : await createCaseAction(values);
    if (result.ok) {
      router.push(`/cases/${result.data.id}`);
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

  const label = (name: string) => (value: string) => tEnum(`${name}.${value}` as never);
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
      <FormAlert message={errors.root?.message} />
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
            labels={label('reportingBody')}
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
            labels={label('offence')}
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
            labels={label('arena')}
            registration={register('arena')}
            error={err(errors.arena?.message)}
            placeholder={t('choose')}
          />
          <SelectField
            label={t('onlinePlatform')}
            values={YES_NO_UNKNOWN}
            labels={label('yesNoUnknown')}
            registration={register('onlinePlatform')}
            error={err(errors.onlinePlatform?.message)}
          />
          <SelectField
            label={t('crossBorder')}
            values={YES_NO_UNKNOWN}
            labels={label('yesNoUnknown')}
            registration={register('crossBorder')}
            error={err(errors.crossBorder?.message)}
          />
          <SelectField
            label={t('crimeEstablished')}
            values={CRIME_ESTABLISHED}
            labels={label('crimeEstablished')}
            registration={register('crimeEstablished')}
            error={err(errors.crimeEstablished?.message)}
            placeholder={t('choose')}
          />
          <div className="sm:col-span-2">
            <SelectField
              label={t('coercionDegree')}
              values={COERCION_DEGREES}
              labels={label('coercionDegree')}
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
            labels={label('controlMethod')}
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
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label={t('sex')}
                  values={SEXES}
                  labels={label('sex')}
                  registration={register(p('sex'))}
                  error={e.sex?.message}
                  placeholder={t('choose')}
                />
                <SelectField
                  label={t('ageBand')}
                  values={AGE_BANDS}
                  labels={label('ageBand')}
                  registration={register(p('ageBand'))}
                  error={e.ageBand?.message}
                  placeholder={t('choose')}
                />
                <SelectField
                  label={t('originRegion')}
                  values={ORIGIN_REGIONS}
                  labels={label('originRegion')}
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
                      labels={label('yesNoUnknown')}
                      registration={register(p('plaintiffStatus'))}
                      error={e.plaintiffStatus?.message}
                      placeholder={t('choose')}
                    />
                    <SelectField
                      label={t('residencePermit')}
                      values={RESIDENCE_PERMITS}
                      labels={label('residencePermit')}
                      registration={register(p('residencePermit'))}
                      error={e.residencePermit?.message}
                      placeholder={t('choose')}
                    />
                    <div className="sm:col-span-2">
                      <CheckboxGroup
                        legend={t('support')}
                        values={SUPPORT_MEASURES}
                        labels={label('supportMeasure')}
                        registration={register(p('support'))}
                        error={e.support?.message}
                      />
                    </div>
                  </>
                ) : (
                  <SelectField
                    label={t('perpetratorRole')}
                    values={PERPETRATOR_ROLES}
                    labels={label('perpetratorRole')}
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
            onClick={() => parties.append(newVictim())}
            className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t('addVictim')}
          </button>
          <button
            type="button"
            onClick={() => parties.append(newPerpetrator())}
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

/** A stored value as the conflict notice shows it: categories in words, parties as their number. */
function shownValue(key: string, value: unknown, tEnum: ReturnType<typeof useTranslations<'enums'>>): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) {
    if (key === 'parties') return String(value.length);
    const enumName = key === 'offences' ? 'offence' : key === 'controlMethods' ? 'controlMethod' : null;
    return value.map((v) => (enumName ? tEnum(`${enumName}.${v}` as never) : String(v))).join(', ');
  }
  const enumName = CONFLICT_ENUMS[key];
  return enumName ? tEnum(`${enumName}.${value}` as never) : String(value);
}
