'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { buttonClass, Field, FormAlert, inputClass, secondaryButtonClass } from '@/components/ui/field';
import { applyActionError } from '@/lib/forms/action-result';
import {
  confirmTotpSetupAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpSetupAction,
} from '../actions';
import {
  CurrentPasswordSchema,
  TotpCodeSchema,
  type CurrentPasswordInput,
  type TotpCodeInput,
} from '@/lib/schemas/account';

/** Refusals explained by a field of their own; the form's alert then says to check the fields. */
const FIELD_REASONS = new Set(['code_wrong', 'current_password_wrong']);
const ACCOUNT_REASONS = new Set([
  'too_many_attempts',
  'setup_missing',
  'already_enabled',
  'not_enabled',
  'required_for_role',
]);

function reasonMessage(result: { error: string; reason?: string }): string {
  if (result.reason && FIELD_REASONS.has(result.reason)) return 'errors.invalid';
  if (result.reason && ACCOUNT_REASONS.has(result.reason)) return `account.errors.${result.reason}`;
  return result.error;
}

/** The ten recovery codes, shown once, with a way to keep them. */
function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone?: () => void; doneLabel: string }) {
  const t = useTranslations('account.twoFactor');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby="recovery-heading" className="mt-6 max-w-xl rounded border-2 border-brand-700 p-4">
      <h2 id="recovery-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {t('codesTitle')}
      </h2>
      <p className="mt-2">{t('codesIntro')}</p>
      <ol aria-label={t('codesTitle')} className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}
        >
          {t('copyCodes')}
        </button>
        {onDone ? (
          <button type="button" className={buttonClass} onClick={onDone}>
            {doneLabel}
          </button>
        ) : (
          <Link href="/" className={buttonClass}>
            {doneLabel}
          </Link>
        )}
      </div>
    </section>
  );
}

/** Turn two-factor sign-in on: a QR code and the key to type, then a code from the app to confirm. */
export function TwoFactorSetup() {
  const t = useTranslations('account.twoFactor');
  const [setup, setSetup] = useState<{ qrCode: string; formattedSecret: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TotpCodeInput>({ resolver: zodResolver(TotpCodeSchema), defaultValues: { code: '' } });

  async function start() {
    setStarting(true);
    const result = await startTotpSetupAction({});
    setStarting(false);
    if (result.ok) setSetup(result.data);
    else setStartError(reasonMessage(result));
  }

  const onConfirm = handleSubmit(async (values) => {
    const result = await confirmTotpSetupAction(values);
    if (result.ok) return setCodes(result.data.recoveryCodes);
    applyActionError(setError, result, {
      field: result.reason === 'code_wrong' ? ['code', 'account.errors.code_wrong'] : null,
      notice: reasonMessage(result),
    });
  });

  if (codes) return <RecoveryCodes codes={codes} doneLabel={t('continue')} />;

  if (!setup) {
    return (
      <div className="mt-6">
        <FormAlert message={startError} />
        <button type="button" onClick={start} disabled={starting} className={`${buttonClass} mt-2`}>
          {t('start')}
        </button>
      </div>
    );
  }

  return (
    <div className="mt-6 max-w-2xl">
      <ol className="list-decimal space-y-6 pl-6">
        <li>
          <p>{t('step1')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, no optimisation to gain */}
          <img src={setup.qrCode} alt={t('qrAlt')} width={224} height={224} className="mt-3 border border-slate-300" />
        </li>
        <li>
          <p>{t('step2')}</p>
          <p className="mt-2">
            <span className="text-slate-600">{t('manualKey')}: </span>
            <code className="rounded bg-slate-100 px-2 py-1 font-mono text-lg tracking-wide">
              {setup.formattedSecret}
            </code>
          </p>
        </li>
        <li>
          <form onSubmit={onConfirm} noValidate>
            <FormAlert message={errors.root?.message} />
            <div className="mt-2 max-w-xs">
              <Field label={t('codeLabel')} hint={t('codeHint')} error={errors.code?.message}>
                {(props) => (
                  <input
                    {...props}
                    {...register('code')}
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={8}
                    className={`${inputClass} font-mono tracking-widest`}
                  />
                )}
              </Field>
            </div>
            <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-4`}>
              {t('confirm')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** Two-factor sign-in is on: new recovery codes, or turn it off (both need the password). */
export function TwoFactorManager({ required }: { required: boolean }) {
  const t = useTranslations('account.twoFactor');
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [mode, setMode] = useState<'regenerate' | 'disable' | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CurrentPasswordInput>({
    resolver: zodResolver(CurrentPasswordSchema),
    defaultValues: { currentPassword: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = mode === 'disable' ? await disableTotpAction(values) : await regenerateRecoveryCodesAction(values);
    if (result.ok) {
      reset();
      setMode(null);
      if (result.data && 'recoveryCodes' in result.data) setCodes(result.data.recoveryCodes);
      router.refresh();
      return;
    }
    applyActionError(setError, result, {
      field:
        result.reason === 'current_password_wrong'
          ? ['currentPassword', 'account.errors.current_password_wrong']
          : null,
      notice: reasonMessage(result),
    });
  });

  if (codes) return <RecoveryCodes codes={codes} doneLabel={t('done')} onDone={() => setCodes(null)} />;

  return (
    <div className="mt-6 max-w-xl">
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          aria-expanded={mode === 'regenerate'}
          onClick={() => setMode(mode === 'regenerate' ? null : 'regenerate')}
          className={secondaryButtonClass}
        >
          {t('regenerate')}
        </button>
        {required ? null : (
          <button
            type="button"
            aria-expanded={mode === 'disable'}
            onClick={() => setMode(mode === 'disable' ? null : 'disable')}
            className={secondaryButtonClass}
          >
            {t('disable')}
          </button>
        )}
      </div>
      {required ? <p className="mt-3 text-slate-700">{t('requiredNote')}</p> : null}
      {mode ? (
        <form onSubmit={onSubmit} noValidate className="mt-4 rounded border border-slate-300 p-4">
          <p>{mode === 'disable' ? t('disableIntro') : t('regenerateIntro')}</p>
          <FormAlert message={errors.root?.message} />
          <div className="mt-3">
            <Field label={t('passwordLabel')} error={errors.currentPassword?.message}>
              {(props) => (
                <input
                  {...props}
                  {...register('currentPassword')}
                  type="password"
                  autoComplete="current-password"
                  className={inputClass}
                />
              )}
            </Field>
          </div>
          <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-4`}>
            {mode === 'disable' ? t('disableConfirm') : t('regenerateConfirm')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
