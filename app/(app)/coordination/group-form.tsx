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
import { GROUP_KINDS, MEMBER_ORGANISATION_TYPES } from '@/lib/enums';
import { applyActionError, conflictDetails, detailsField } from '@/lib/forms/action-result';
import { createGroupAction, updateGroupAction } from './actions';
import {
  GroupEditSchema,
  GroupSchema,
  LIMITS,
  type GroupEditInput,
  type GroupEditOutput,
  type MemberInput,
} from '@/lib/schemas/coordination';
import { ErrorSummary } from '@/components/ui/error-summary';
import { savedHref } from '@/lib/forms/fields';

type FormValues = GroupEditInput;

const newMember = (): MemberInput => ({ id: '', organisationType: '', organisationName: '', contactFunction: '' });

const CONFLICT_FIELDS = [
  'name',
  'kind',
  'participatingCounties',
  'description',
  'activeFrom',
  'activeTo',
  'members',
] as const;

/**
 * Create or edit a coordination group and its member organisations. The same zod schema runs here
 * and in the server action; what the server refuses comes back to its field.
 */
export function GroupForm({
  mode,
  defaults,
  counties,
}: {
  mode: 'create' | 'edit';
  defaults: FormValues;
  counties: { code: string; name: string; choosable: boolean }[];
}) {
  const t = useTranslations('coordination.groups.form');
  const tEnum = useTranslations('enums');
  const router = useRouter();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<FormValues, unknown, GroupEditOutput>({
    // The error summary takes the focus after a refused save (components/ui/error-summary.tsx).
    shouldFocusError: false,
    resolver: zodResolver((mode === 'edit' ? GroupEditSchema : GroupSchema) as typeof GroupEditSchema),
    defaultValues: defaults,
  });
  const members = useFieldArray({ control, name: 'members' as never, keyName: 'key' }) as unknown as {
    fields: (MemberInput & { key: string })[];
    append: (member: MemberInput, options?: { focusName?: string }) => void;
    remove: (index: number) => void;
  };
  const memberValues = (useWatch({ control, name: 'members' }) ?? []) as MemberInput[];
  const home = useWatch({ control, name: 'countyCode' });
  const homeChoices = counties.filter((c) => c.choosable);

  const onSubmit = handleSubmit(async (values) => {
    setConflict(null);
    const result = mode === 'edit' ? await updateGroupAction(values) : await createGroupAction(values);
    if (result.ok) {
      router.push(savedHref(`/coordination/groups/${result.data.id}`, mode === 'edit' ? 'updated' : 'created'));
      router.refresh();
      return;
    }
    const stored = conflictDetails<Conflict>(result);
    if (stored) return setConflict(stored);
    applyActionError(setError, result, { field: detailsField(result), summary: 'coordination.fieldErrorsSummary' });
  });

  const memberErrors = (errors.members ?? []) as unknown as Record<string, { message?: string } | undefined>[];
  const changed = conflict
    ? changedKeys(conflict.current, defaults as Record<string, unknown>, CONFLICT_FIELDS).map((key) => t(key))
    : [];

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-3xl">
      <ErrorSummary errors={errors} submitCount={submitCount} message={errors.root?.message} />
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          changed={changed}
          reloadHref={`/coordination/groups/${String(defaults.id)}/edit`}
        />
      ) : null}

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('basics')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <Field label={t('name')} error={errors.name?.message}>
              {(props) => (
                <input
                  {...props}
                  {...register('name')}
                  type="text"
                  maxLength={LIMITS.name}
                  autoComplete="off"
                  className={inputClass}
                />
              )}
            </Field>
          </div>
          <SelectField
            label={t('kind')}
            values={GROUP_KINDS}
            labels={(v) => tEnum(`groupKind.${v}`)}
            registration={register('kind')}
            error={errors.kind?.message}
            placeholder={t('choose')}
          />
          {homeChoices.length > 1 && mode === 'create' ? (
            <SelectField
              label={t('county')}
              values={homeChoices.map((c) => c.code)}
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
          <Field label={t('activeFrom')} error={errors.activeFrom?.message}>
            {(props) => <input {...props} {...register('activeFrom')} type="date" className={inputClass} />}
          </Field>
          <Field label={t('activeTo')} hint={t('activeToHint')} error={errors.activeTo?.message}>
            {(props) => <input {...props} {...register('activeTo')} type="date" className={inputClass} />}
          </Field>
        </div>
        <div className="mt-4">
          <Field label={t('description')} hint={t('descriptionHint')} error={errors.description?.message}>
            {(props) => <textarea {...props} {...register('description')} rows={3} className={inputClass} />}
          </Field>
        </div>
        <div className="mt-4">
          <CheckboxGroup
            legend={t('participatingCounties')}
            values={counties.filter((c) => c.code !== home).map((c) => c.code)}
            labels={(code) => counties.find((c) => c.code === code)?.name ?? code}
            registration={register('participatingCounties')}
            error={errors.participatingCounties?.message}
            columns={3}
          />
          <p className="mt-1 text-sm text-slate-600">{t('participatingHint')}</p>
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('members')}</legend>
        <p className="text-sm text-slate-700">{t('membersHint')}</p>
        {typeof errors.members?.message === 'string' ? <FormAlert message={errors.members.message} /> : null}
        {members.fields.length === 0 ? <p className="mt-2">{t('noMembers')}</p> : null}
        {members.fields.map((field, index) => {
          const e = memberErrors[index] ?? {};
          const p = (key: string) => `members.${index}.${key}` as FieldPath<FormValues>;
          const label = t('member', { number: index + 1 });
          const orgName = memberValues[index]?.organisationName?.trim();
          return (
            <fieldset key={field.key} className="mt-4 rounded border border-slate-300 bg-slate-50 p-4">
              <legend className="px-1 font-semibold">{label}</legend>
              <input type="hidden" {...register(p('id'))} />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label={t('organisationType')}
                  values={MEMBER_ORGANISATION_TYPES}
                  labels={(v) => tEnum(`reportingBody.${v}`)}
                  registration={register(p('organisationType'))}
                  error={e.organisationType?.message}
                  placeholder={t('choose')}
                />
                <Field label={t('organisationName')} error={e.organisationName?.message}>
                  {(props) => (
                    <input
                      {...props}
                      {...register(p('organisationName'))}
                      type="text"
                      maxLength={LIMITS.organisationName}
                      autoComplete="off"
                      className={inputClass}
                    />
                  )}
                </Field>
                <div className="sm:col-span-2">
                  <Field
                    label={t('contactFunction')}
                    hint={t('contactFunctionHint')}
                    error={e.contactFunction?.message}
                  >
                    {(props) => (
                      <input
                        {...props}
                        {...register(p('contactFunction'))}
                        type="text"
                        maxLength={LIMITS.contactFunction}
                        autoComplete="off"
                        className={inputClass}
                      />
                    )}
                  </Field>
                </div>
              </div>
              <button
                type="button"
                onClick={() => members.remove(index)}
                className="mt-4 rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
              >
                {t('removeMember', { name: orgName || label })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() =>
            members.append(newMember(), { focusName: `members.${members.fields.length}.organisationType` })
          }
          className="mt-4 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50"
        >
          {t('addMember')}
        </button>
      </fieldset>

      <div className="mt-6 flex items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass}>
          {isSubmitting ? t('saving') : mode === 'edit' ? t('save') : t('create')}
        </button>
        <Link
          href={mode === 'edit' ? `/coordination/groups/${String(defaults.id)}` : '/coordination'}
          className="font-medium text-brand-700 underline"
        >
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
