'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { changedKeys, ConflictNotice, type Conflict } from '@/components/records/conflict-notice';
import { OverdueBadge } from '@/components/coordination/overdue-badge';
import { CheckboxGroup, SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import { ACTION_ITEM_STATUSES, EVENT_FORMATS, type ActionItemStatus } from '@/lib/enums';
import { applyActionError, conflictDetails, detailsField } from '@/lib/forms/action-result';
import { createMeetingAction, updateMeetingAction } from './actions';
import {
  LIMITS,
  MeetingEditSchema,
  MeetingSchema,
  type ActionItemInput,
  type MeetingEditInput,
  type MeetingEditOutput,
} from '@/lib/schemas/coordination';
import { ErrorSummary } from '@/components/ui/error-summary';
import { savedHref } from '@/lib/forms/fields';

type FormValues = MeetingEditInput;

export type MemberOption = { id: string; name: string; removed: boolean };
/** An earlier meeting's item to follow up; in the same order as `defaults.followUps`. */
export type FollowUpItem = {
  id: string;
  description: string;
  responsibleName: string;
  dueOn: string;
  overdue: boolean;
  raisedOn: string;
  status: ActionItemStatus;
};
/** What the form knows of items raised at this meeting (edit): closed at a later meeting ones stay. */
export type RaisedItemState = { id: string; status: ActionItemStatus; closedElsewhere: boolean };

const newItem = (): ActionItemInput => ({ id: '', version: '', description: '', responsibleMemberId: '', dueOn: '' });

const CONFLICT_FIELDS = [
  'date',
  'startTime',
  'endTime',
  'format',
  'place',
  'attendees',
  'otherGuests',
  'agenda',
  'minutes',
  'decisions',
  'actionItems',
] as const;

/**
 * Record or edit a meeting of a group: when and how, who attended, agenda, minutes, decisions, the
 * action items raised and the follow-up of earlier items, which are closed here when done or dropped.
 */
export function MeetingForm({
  mode,
  defaults,
  groupName,
  members,
  followUps,
  raised = [],
}: {
  mode: 'create' | 'edit';
  defaults: FormValues;
  groupName: string;
  members: MemberOption[];
  followUps: FollowUpItem[];
  raised?: RaisedItemState[];
}) {
  const t = useTranslations('coordination.meetings.form');
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
  } = useForm<FormValues, unknown, MeetingEditOutput>({
    // The error summary takes the focus after a refused save (components/ui/error-summary.tsx).
    shouldFocusError: false,
    resolver: zodResolver((mode === 'edit' ? MeetingEditSchema : MeetingSchema) as typeof MeetingEditSchema),
    defaultValues: defaults,
  });
  const items = useFieldArray({ control, name: 'actionItems' as never, keyName: 'key' }) as unknown as {
    fields: (ActionItemInput & { key: string })[];
    append: (item: ActionItemInput, options?: { focusName?: string }) => void;
    remove: (index: number) => void;
  };

  const onSubmit = handleSubmit(async (values) => {
    setConflict(null);
    const result = mode === 'edit' ? await updateMeetingAction(values) : await createMeetingAction(values);
    if (result.ok) {
      router.push(savedHref(`/coordination/meetings/${result.data.id}`, mode === 'edit' ? 'updated' : 'created'));
      router.refresh();
      return;
    }
    const stored = conflictDetails<Conflict>(result);
    if (stored) return setConflict(stored);
    applyActionError(setError, result, { field: detailsField(result), summary: 'coordination.fieldErrorsSummary' });
  });

  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'dateMedium');
  const memberName = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? (m.removed ? t('removedMember', { name: m.name }) : m.name) : id;
  };
  const itemErrors = (errors.actionItems ?? []) as unknown as Record<string, { message?: string } | undefined>[];
  const followUpErrors = (errors.followUps ?? []) as unknown as Record<string, { message?: string } | undefined>[];
  const changed = conflict
    ? changedKeys(conflict.current, defaults as Record<string, unknown>, CONFLICT_FIELDS).map((key) => t(key))
    : [];
  const responsibleChoices = (current: unknown) =>
    members.filter((m) => !m.removed || m.id === current).map((m) => m.id);

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-3xl">
      <ErrorSummary errors={errors} submitCount={submitCount} message={errors.root?.message} />
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          changed={changed}
          reloadHref={`/coordination/meetings/${String(defaults.id)}/edit`}
        />
      ) : null}
      <input type="hidden" {...register('groupId')} />
      <p className="mt-2 text-slate-700">{t('groupIs', { name: groupName })}</p>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('when')}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t('date')} error={errors.date?.message}>
            {(props) => <input {...props} {...register('date')} type="date" className={inputClass} />}
          </Field>
          <Field label={t('startTime')} error={errors.startTime?.message}>
            {(props) => <input {...props} {...register('startTime')} type="time" step={300} className={inputClass} />}
          </Field>
          <Field label={t('endTime')} error={errors.endTime?.message}>
            {(props) => <input {...props} {...register('endTime')} type="time" step={300} className={inputClass} />}
          </Field>
          <SelectField
            label={t('format')}
            values={EVENT_FORMATS}
            labels={(v) => tEnum(`eventFormat.${v}`)}
            registration={register('format')}
            error={errors.format?.message}
            placeholder={t('choose')}
          />
          <div className="sm:col-span-2">
            <Field label={t('place')} hint={t('placeHint')} error={errors.place?.message}>
              {(props) => (
                <input
                  {...props}
                  {...register('place')}
                  type="text"
                  maxLength={LIMITS.place}
                  autoComplete="off"
                  className={inputClass}
                />
              )}
            </Field>
          </div>
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('attendance')}</legend>
        {members.length === 0 ? (
          <p>{t('noMembers')}</p>
        ) : (
          <CheckboxGroup
            legend={t('attendees')}
            values={members.map((m) => m.id)}
            labels={memberName}
            registration={register('attendees')}
            error={errors.attendees?.message}
          />
        )}
        <div className="mt-4 max-w-xs">
          <Field label={t('otherGuests')} hint={t('otherGuestsHint')} error={errors.otherGuests?.message}>
            {(props) => (
              <input
                {...props}
                {...register('otherGuests')}
                type="number"
                min={0}
                max={LIMITS.otherGuests}
                inputMode="numeric"
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('content')}</legend>
        <p className="text-sm text-slate-700">{t('contentHint')}</p>
        <div className="mt-4 grid gap-4">
          <Field label={t('agenda')} error={errors.agenda?.message}>
            {(props) => <textarea {...props} {...register('agenda')} rows={4} className={inputClass} />}
          </Field>
          <Field label={t('minutes')} hint={t('minutesHint')} error={errors.minutes?.message}>
            {(props) => <textarea {...props} {...register('minutes')} rows={6} className={inputClass} />}
          </Field>
          <Field label={t('decisions')} error={errors.decisions?.message}>
            {(props) => <textarea {...props} {...register('decisions')} rows={3} className={inputClass} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('followUp')}</legend>
        <p className="text-sm text-slate-700">{t('followUpHint')}</p>
        {followUps.length === 0 ? <p className="mt-2">{t('noFollowUps')}</p> : null}
        {followUps.map((item, index) => {
          const p = (key: string) => `followUps.${index}.${key}` as FieldPath<FormValues>;
          return (
            <fieldset key={item.id} className="mt-4 rounded border border-slate-300 bg-slate-50 p-4">
              <legend className="px-1 font-semibold">{item.description}</legend>
              <input type="hidden" {...register(p('id'))} />
              <input type="hidden" {...register(p('version'))} />
              <p className="text-sm">
                {t('followUpMeta', {
                  responsible: item.responsibleName,
                  due: date(item.dueOn),
                  raised: date(item.raisedOn),
                })}
                {item.overdue ? <OverdueBadge label={t('overdue')} /> : null}
              </p>
              <div className="mt-2 max-w-xs">
                <SelectField
                  label={t('followUpStatus')}
                  values={ACTION_ITEM_STATUSES}
                  labels={(v) => tEnum(`actionItemStatus.${v}`)}
                  registration={register(p('status'))}
                  error={followUpErrors[index]?.status?.message}
                />
              </div>
            </fieldset>
          );
        })}
      </fieldset>

      <fieldset className="mt-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t('actionItems')}</legend>
        <p className="text-sm text-slate-700">{t('actionItemsHint')}</p>
        {typeof errors.actionItems?.message === 'string' ? <FormAlert message={errors.actionItems.message} /> : null}
        {items.fields.length === 0 ? <p className="mt-2">{t('noActionItems')}</p> : null}
        {items.fields.map((field, index) => {
          const e = itemErrors[index] ?? {};
          const p = (key: string) => `actionItems.${index}.${key}` as FieldPath<FormValues>;
          const label = t('actionItem', { number: index + 1 });
          const state = raised.find((r) => r.id === field.id);
          return (
            <fieldset key={field.key} className="mt-4 rounded border border-slate-300 bg-slate-50 p-4">
              <legend className="px-1 font-semibold">{label}</legend>
              <input type="hidden" {...register(p('id'))} />
              <input type="hidden" {...register(p('version'))} />
              {state ? (
                <p className="mb-2 text-sm">{t('itemStatus', { status: tEnum(`actionItemStatus.${state.status}`) })}</p>
              ) : null}
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="sm:col-span-2">
                  <Field label={t('itemDescription')} error={e.description?.message}>
                    {(props) => (
                      <textarea
                        {...props}
                        {...register(p('description'))}
                        rows={2}
                        maxLength={LIMITS.actionItem}
                        className={inputClass}
                      />
                    )}
                  </Field>
                </div>
                <SelectField
                  label={t('responsible')}
                  values={responsibleChoices(field.responsibleMemberId)}
                  labels={memberName}
                  registration={register(p('responsibleMemberId'))}
                  error={e.responsibleMemberId?.message}
                  placeholder={t('choose')}
                />
                <Field label={t('dueOn')} error={e.dueOn?.message}>
                  {(props) => <input {...props} {...register(p('dueOn'))} type="date" className={inputClass} />}
                </Field>
              </div>
              {state?.closedElsewhere ? (
                <p className="mt-4 text-sm">{t('closedElsewhere')}</p>
              ) : (
                <button
                  type="button"
                  onClick={() => items.remove(index)}
                  className="mt-4 rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
                >
                  {t('removeItem', { name: label })}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => items.append(newItem(), { focusName: `actionItems.${items.fields.length}.description` })}
          disabled={members.length === 0}
          className="mt-4 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          {t('addItem')}
        </button>
      </fieldset>

      <div className="mt-6 flex items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass}>
          {isSubmitting ? t('saving') : mode === 'edit' ? t('save') : t('create')}
        </button>
        <Link
          href={
            mode === 'edit'
              ? `/coordination/meetings/${String(defaults.id)}`
              : `/coordination/groups/${String(defaults.groupId)}`
          }
          className="font-medium text-brand-700 underline"
        >
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
