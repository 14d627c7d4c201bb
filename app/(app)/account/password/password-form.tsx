'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useForm, type FieldPath } from 'react-hook-form';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import { applyActionError } from '@/lib/forms/action-result';
import { changePasswordAction } from '../actions';
import { ChangePasswordSchema, type ChangePasswordInput } from '@/lib/schemas/account';

/** Server refusals that belong to a field. */
const FIELD_REASONS: Record<string, FieldPath<ChangePasswordInput>> = { current_password_wrong: 'currentPassword' };

export function ChangePasswordForm() {
  const t = useTranslations('account.password');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(ChangePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = await changePasswordAction(values);
    if (result.ok) return; // signed out and sent to the sign-in page
    // The data layer's reason: a catalogue key of its own (the password policy) or an account error.
    const reason = result.reason ?? '';
    const field = FIELD_REASONS[reason] ?? (result.details?.field as FieldPath<ChangePasswordInput> | undefined);
    const message = reason.startsWith('validation.') ? reason : `account.errors.${reason}`;
    applyActionError(setError, result, {
      field: field ? [field, message] : null,
      notice: reason && !field ? message : result.error,
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-md">
      <FormAlert message={errors.root?.message} />
      <div className="mt-4 space-y-4">
        <Field label={t('current')} error={errors.currentPassword?.message}>
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
        <Field label={t('new')} hint={t('newHint')} error={errors.newPassword?.message}>
          {(props) => (
            <input
              {...props}
              {...register('newPassword')}
              type="password"
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t('confirm')} error={errors.confirmPassword?.message}>
          {(props) => (
            <input
              {...props}
              {...register('confirmPassword')}
              type="password"
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {t('submit')}
      </button>
    </form>
  );
}
