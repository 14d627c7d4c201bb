'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useMessages, useTranslations } from 'next-intl';
import { useForm, useWatch } from 'react-hook-form';
import { CheckboxGroup, SelectField } from '@/components/ui/choice-fields';
import { buttonClass, Field, FormAlert, FormSaved, inputClass } from '@/components/ui/field';
import {
  JUSTICE_STEPS,
  PENALTY_ORDER_SANCTIONS,
  PRISON_BANDS,
  RECORDABLE_SANCTIONS,
  type JusticeStep,
  type Offence,
} from '@/lib/enums';
import { applyActionError, detailsField } from '@/lib/forms/action-result';
import { todayInStockholm } from '@/lib/forms/fields';
import { isMessageKey } from '@/lib/i18n';
import { stepHasSanction, stepNamesOffences } from '@/lib/justice';
import { PerpetratorStepSchema, type PerpetratorStepInput, type PerpetratorStepOutput } from '@/lib/schemas/cases';
import { recordPerpetratorStepsAction } from '../actions';

type PersonChoice = { partyId: string; number: number; latest: JusticeStep | 'none'; next: JusticeStep[] };

/**
 * Record one step for one or several perpetrators at once (decision 012). The steps offered are
 * those that may follow for at least one of the persons who can take another step; the data
 * layer checks each chosen person's path again. After saving, the result is said in words.
 */
export function PersonStepForm({
  id,
  version,
  persons,
  offences,
}: {
  id: string;
  version: number;
  persons: PersonChoice[];
  offences: Offence[];
}) {
  const t = useTranslations('cases.detail');
  const tEnum = useTranslations('enums');
  const messages = useMessages();
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const open = persons.filter((p) => p.next.length > 0);
  const defaults = (v: number): PerpetratorStepInput => ({
    id,
    version: String(v),
    partyIds: [],
    step: '',
    occurredOn: todayInStockholm(),
    offences: [],
    sanction: '',
    prisonBand: '',
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PerpetratorStepInput, unknown, PerpetratorStepOutput>({
    resolver: zodResolver(PerpetratorStepSchema),
    defaultValues: defaults(version),
    // The offences, sanction and band leave the values when the step has none (they are hidden).
    shouldUnregister: true,
  });
  // The case's version moves on when its other form (or a person's step) saves and the page refreshes.
  useEffect(() => setValue('version', String(version)), [version, setValue]);
  const step = useWatch({ control, name: 'step' }) as JusticeStep | '';
  const sanction = useWatch({ control, name: 'sanction' });
  const offered = JUSTICE_STEPS.filter((s) => open.some((p) => p.next.includes(s)));
  const sanctions = step === 'penalty_order' ? PENALTY_ORDER_SANCTIONS : RECORDABLE_SANCTIONS;
  const latestLabel = (p: PersonChoice) => (p.latest === 'none' ? t('noStepYet') : tEnum(`justiceStep.${p.latest}`));

  const onSubmit = handleSubmit(async (values) => {
    setSaved(null);
    const result = await recordPerpetratorStepsAction(values);
    if (result.ok) {
      setSaved(
        t('personStepSaved', {
          step: tEnum(`justiceStep.${values.step}`),
          count: result.data.recorded,
          status: tEnum(`caseStatus.${result.data.status}`),
        }),
      );
      reset(defaults(result.data.version));
      router.refresh();
      return;
    }
    if (result.error === 'errors.conflict') {
      // As in the case's own step form: the page as it is now, the people's next steps with it.
      setError('root', { message: 'cases.detail.staleStep' });
      router.refresh();
      return;
    }
    const reason = result.reason ?? '';
    applyActionError(setError, result, {
      field: detailsField(result),
      notice: reason && isMessageKey(messages, `cases.errors.${reason}`) ? `cases.errors.${reason}` : result.error,
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="person-step-title"
      className="mt-4 max-w-2xl rounded border border-slate-300 p-4"
    >
      <h3 id="person-step-title" className="font-semibold">
        {t('personStepTitle')}
      </h3>
      {/* Registered, so that they are submitted (shouldUnregister leaves out what is not). */}
      <input type="hidden" {...register('id')} />
      <input type="hidden" {...register('version')} />
      <FormSaved message={saved} />
      <FormAlert message={errors.root?.message} />
      <div className="mt-2 grid gap-4">
        <CheckboxGroup
          legend={t('persons')}
          values={open.map((p) => p.partyId)}
          labels={(partyId) => {
            const p = open.find((o) => o.partyId === partyId)!;
            return t('personOption', { number: p.number, latest: latestLabel(p) });
          }}
          registration={register('partyIds')}
          error={errors.partyIds?.message}
          columns={1}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('justiceStep')}
            values={offered}
            labels={(s) => tEnum(`justiceStep.${s}`)}
            registration={register('step')}
            error={errors.step?.message}
            placeholder={t('choose')}
          />
          <Field label={t('personStepDate')} error={errors.occurredOn?.message}>
            {(props) => <input {...props} {...register('occurredOn')} type="date" className={inputClass} />}
          </Field>
        </div>
        {step && stepNamesOffences(step) ? (
          <CheckboxGroup
            legend={t('stepOffences')}
            values={offences}
            labels={(o) => tEnum(`offence.${o}`)}
            registration={register('offences')}
            error={errors.offences?.message}
          />
        ) : null}
        {step && stepHasSanction(step) ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t('sanction')}
              values={sanctions}
              labels={(s) => tEnum(`sanction.${s}`)}
              registration={register('sanction')}
              error={errors.sanction?.message}
              placeholder={t('choose')}
            />
            {sanction === 'prison' ? (
              <SelectField
                label={t('prisonBand')}
                values={PRISON_BANDS}
                labels={(b) => tEnum(`prisonBand.${b}`)}
                registration={register('prisonBand')}
                error={errors.prisonBand?.message}
                placeholder={t('choose')}
              />
            ) : null}
          </div>
        ) : null}
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-4`}>
        {t('recordPersonStep')}
      </button>
    </form>
  );
}
