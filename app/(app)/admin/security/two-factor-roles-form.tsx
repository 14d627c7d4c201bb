'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CheckboxGroup } from '@/components/ui/choice-fields';
import { buttonClass, FormAlert, FormSaved } from '@/components/ui/field';
import { applyActionError } from '@/lib/forms/action-result';
import { ROLES, type Role } from '@/lib/roles';
import { setTwoFactorRolesAction } from './actions';
import { TwoFactorRolesSchema, type TwoFactorRolesInput } from '@/lib/schemas/security-settings';

export function TwoFactorRolesForm({ required }: { required: Role[] }) {
  const t = useTranslations('admin.security');
  const tRoles = useTranslations('roles');
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TwoFactorRolesInput>({ resolver: zodResolver(TwoFactorRolesSchema), defaultValues: { roles: required } });

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const result = await setTwoFactorRolesAction(values);
    if (result.ok) {
      setSaved(true);
      router.refresh();
      return;
    }
    applyActionError(setError, result);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-xl">
      <FormAlert message={errors.root?.message} />
      <FormSaved message={saved ? t('saved') : null} />
      <div className="mt-4">
        <CheckboxGroup
          legend={t('legend')}
          values={ROLES}
          labels={(r) => tRoles(r)}
          registration={register('roles')}
          error={errors.roles?.message}
          columns={1}
        />
      </div>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {t('save')}
      </button>
    </form>
  );
}
