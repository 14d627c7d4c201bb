'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import { applyActionError } from '@/lib/forms/action-result';
import { signInAction, ssoSignInAction } from './actions';
import { SignInSchema, type SignInInput } from '@/lib/schemas/sign-in';

/**
 * Password first; when the account has two-factor sign-in the server answers 'code_required' and
 * the form asks for the code, sending the e-mail and password again with it (nothing is kept
 * half-signed-in on the server).
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations('login');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const codeRef = useRef<HTMLInputElement | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(SignInSchema),
    defaultValues: { email: '', password: '', code: '', callbackUrl },
  });

  useEffect(() => {
    if (step === 'code') codeRef.current?.focus();
  }, [step]);

  const onSubmit = handleSubmit(async (values) => {
    if (step === 'code' && !values.code?.trim()) {
      setError('code', { message: 'validation.required' });
      return;
    }
    const result = await signInAction(step === 'code' ? values : { ...values, code: undefined });
    if (result.ok) return; // the action redirected
    if (result.reason === 'code_required') {
      clearErrors();
      setStep('code');
      return;
    }
    if (result.reason === 'code_failed') setValue('code', '');
    // A refusal of the first step after the code step (e.g. the account got locked) starts over.
    if (step === 'code' && result.reason !== 'code_failed' && result.reason !== 'rate_limited') setStep('password');
    applyActionError(setError, result);
  });

  const codeField = register('code');

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6" aria-describedby={errors.root ? 'login-error' : undefined}>
      <div id="login-error">
        <FormAlert message={errors.root?.message} />
      </div>
      {step === 'password' ? (
        <div className="mt-4 space-y-4">
          <Field label={t('email')} error={errors.email?.message}>
            {(props) => (
              <input {...props} {...register('email')} type="email" autoComplete="username" className={inputClass} />
            )}
          </Field>
          <Field label={t('password')} error={errors.password?.message}>
            {(props) => (
              <input
                {...props}
                {...register('password')}
                type="password"
                autoComplete="current-password"
                className={inputClass}
              />
            )}
          </Field>
        </div>
      ) : (
        <div className="mt-4 space-y-4">
          <h2 className="text-lg font-semibold">{t('codeTitle')}</h2>
          <Field label={t('code')} hint={t('codeHint')} error={errors.code?.message}>
            {(props) => (
              <input
                {...props}
                {...codeField}
                ref={(element) => {
                  codeField.ref(element);
                  codeRef.current = element;
                }}
                type="text"
                inputMode="text"
                autoComplete="one-time-code"
                spellCheck={false}
                autoCapitalize="characters"
                maxLength={32}
                className={`${inputClass} max-w-xs font-mono tracking-wider`}
              />
            )}
          </Field>
        </div>
      )}
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass}>
          {isSubmitting ? t('submitting') : step === 'code' ? t('verify') : t('submit')}
        </button>
        {step === 'code' ? (
          <button
            type="button"
            className="font-medium text-brand-700 underline underline-offset-2"
            onClick={() => {
              clearErrors();
              setValue('code', '');
              setValue('password', '');
              setStep('password');
            }}
          >
            {t('startOver')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Single sign-on (only when configured): a form posting to the app, which redirects to the provider. */
export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl?: string }) {
  const t = useTranslations('login');
  const [busy, setBusy] = useState(false);
  const [error, setErrorMessage] = useState<string>();
  return (
    <form
      className="mt-8 border-t border-slate-300 pt-6"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const result = await ssoSignInAction({ callbackUrl });
        setBusy(false);
        if (!result.ok) setErrorMessage(result.error);
      }}
    >
      <p className="text-slate-700">{t('ssoIntro')}</p>
      <FormAlert message={error} />
      <button
        type="submit"
        disabled={busy}
        className="mt-3 inline-flex items-center rounded border-2 border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t('ssoButton', { name })}
      </button>
    </form>
  );
}
