'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { buttonClass, Field, FormAlert, inputClass } from '@/components/ui/field';
import { signInAction } from './actions';
import { SignInSchema, type SignInInput } from './schema';

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations('login');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(SignInSchema), defaultValues: { email: '', password: '', callbackUrl } });

  const onSubmit = handleSubmit(async (values) => {
    const result = await signInAction(values);
    if (result.ok) return; // the action redirected
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      setError(field as keyof SignInInput, { message: messages[0] });
    }
    setError('root', { message: result.error });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6" aria-describedby={errors.root ? 'login-error' : undefined}>
      <div id="login-error">
        <FormAlert message={errors.root?.message} />
      </div>
      <div className="mt-4 space-y-4">
        <Field label={t('email')} error={errors.email?.message}>
          {(props) => <input {...props} {...register('email')} type="email" autoComplete="username" className={inputClass} />}
        </Field>
        <Field label={t('password')} error={errors.password?.message}>
          {(props) => <input {...props} {...register('password')} type="password" autoComplete="current-password" className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {isSubmitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
