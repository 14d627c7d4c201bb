'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { SelectField } from '@/components/ui/choice-fields';
import {
  buttonClass,
  dangerButtonClass,
  Field,
  FormAlert,
  FormSaved,
  inputClass,
  secondaryButtonClass,
} from '@/components/ui/field';
import { POLICE_REGIONS, type PoliceRegion } from '@/lib/regions';
import { COUNTY_ROLES, REGIONAL_ROLES, ROLES, type Role } from '@/lib/roles';
import { applyActionError } from '@/lib/forms/action-result';
import {
  createUserAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setUserActiveAction,
  updateUserAction,
} from './actions';
import {
  NewUserSchema,
  UpdateUserSchema,
  type NewUserInput,
  type NewUserOutput,
  type UpdateUserInput,
  type UpdateUserOutput,
} from '@/lib/schemas/users';

export type CountyOption = { code: string; name: string };

/** The data layer's refusals that the admin can act on, as catalogue keys. */
const REASONS: Record<string, string> = {
  email_taken: 'admin.users.errors.email_taken',
  last_admin: 'admin.users.errors.last_admin',
  own_account: 'admin.users.errors.own_account',
  county_role_mismatch: 'admin.users.errors.county_required',
  region_role_mismatch: 'admin.users.errors.region_required',
};

function messageOf(result: { error: string; reason?: string }): string {
  return (result.reason && REASONS[result.reason]) ?? result.error;
}

/** A one-time password, shown once: the admin passes it on; the person must change it at sign-in. */
export function OneTimePassword({ password, name }: { password: string; name: string }) {
  const t = useTranslations('admin.users.oneTime');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="mt-6 max-w-xl rounded border-2 border-brand-700 bg-brand-50 p-4 focus:outline-none"
    >
      <h2 className="text-lg font-semibold">{t('title', { name })}</h2>
      <p className="mt-2">{t('intro')}</p>
      <p className="mt-3">
        <span className="text-slate-700">{t('label')}: </span>
        <code data-testid="one-time-password" className="rounded bg-white px-2 py-1 font-mono text-xl">
          {password}
        </code>
      </p>
      <p className="mt-3 text-sm text-slate-700">{t('onlyOnce')}</p>
    </div>
  );
}

function RoleAndCounty({
  register,
  errors,
  role,
  counties,
}: {
  register: ReturnType<typeof useForm<NewUserInput, unknown, NewUserOutput>>['register'];
  errors: Partial<Record<'role' | 'countyCode' | 'policeRegion', { message?: string }>>;
  role: string | undefined;
  counties: CountyOption[];
}) {
  const t = useTranslations('admin.users.form');
  const tRoles = useTranslations('roles');
  const countyRole = (COUNTY_ROLES as readonly string[]).includes(role ?? '');
  const regionalRole = (REGIONAL_ROLES as readonly string[]).includes(role ?? '');
  return (
    <>
      <SelectField
        label={t('role')}
        values={ROLES}
        labels={(r) => tRoles(r)}
        registration={register('role')}
        error={errors.role?.message}
        placeholder={t('chooseRole')}
      />
      {countyRole ? (
        <SelectField
          label={t('county')}
          hint={t('countyHint')}
          values={counties.map((c) => c.code)}
          labels={(code) => counties.find((c) => c.code === code)?.name ?? code}
          registration={register('countyCode')}
          error={errors.countyCode?.message}
          placeholder={t('chooseCounty')}
        />
      ) : regionalRole ? (
        <SelectField
          label={t('region')}
          hint={t('regionHint')}
          values={POLICE_REGIONS}
          labels={(r) => r}
          registration={register('policeRegion')}
          error={errors.policeRegion?.message}
          placeholder={t('chooseRegion')}
        />
      ) : (
        <p className="text-slate-700">{t('noCountyForRole')}</p>
      )}
    </>
  );
}

export function NewUserForm({ counties }: { counties: CountyOption[] }) {
  const t = useTranslations('admin.users.form');
  const [created, setCreated] = useState<{ id: string; oneTimePassword: string; name: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<NewUserInput, unknown, NewUserOutput>({
    resolver: zodResolver(NewUserSchema),
    defaultValues: { email: '', displayName: '', role: '' as Role, countyCode: '', policeRegion: '' },
  });
  const role = useWatch({ control, name: 'role' });

  const onSubmit = handleSubmit(async (values) => {
    const result = await createUserAction(values);
    if (result.ok) return setCreated({ ...result.data, name: values.displayName });
    applyActionError(setError, result, {
      field: result.reason === 'email_taken' ? ['email', messageOf(result)] : null,
      notice: messageOf(result),
    });
  });

  if (created) {
    return (
      <>
        <OneTimePassword password={created.oneTimePassword} name={created.name} />
        <p className="mt-6 flex flex-wrap gap-4">
          <Link href={`/admin/users/${created.id}`} className="font-medium text-brand-700 underline underline-offset-2">
            {t('openCreated')}
          </Link>
          <Link href="/admin/users" className="font-medium text-brand-700 underline underline-offset-2">
            {t('backToList')}
          </Link>
        </p>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-xl">
      <FormAlert message={errors.root?.message} />
      <div className="mt-4 space-y-4">
        <Field label={t('email')} error={errors.email?.message}>
          {(props) => (
            <input {...props} {...register('email')} type="email" autoComplete="off" className={inputClass} />
          )}
        </Field>
        <Field label={t('displayName')} error={errors.displayName?.message}>
          {(props) => (
            <input {...props} {...register('displayName')} type="text" autoComplete="off" className={inputClass} />
          )}
        </Field>
        <RoleAndCounty register={register} errors={errors} role={role} counties={counties} />
      </div>
      <p className="mt-4 text-slate-700">{t('oneTimeNote')}</p>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {t('create')}
      </button>
    </form>
  );
}

export function EditUserForm({
  user,
  counties,
}: {
  user: { id: string; displayName: string; role: Role; countyCode: string | null; policeRegion: PoliceRegion | null };
  counties: CountyOption[];
}) {
  const t = useTranslations('admin.users.form');
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<UpdateUserInput, unknown, UpdateUserOutput>({
    resolver: zodResolver(UpdateUserSchema),
    defaultValues: {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      countyCode: user.countyCode ?? '',
      policeRegion: user.policeRegion ?? '',
    },
  });
  const role = useWatch({ control, name: 'role' });

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const result = await updateUserAction(values);
    if (result.ok) {
      setSaved(true);
      router.refresh();
      return;
    }
    applyActionError(setError, result, { notice: messageOf(result) });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 max-w-xl">
      <FormAlert message={errors.root?.message} />
      <FormSaved message={saved ? t('saved') : null} />
      <div className="mt-4 space-y-4">
        <Field label={t('displayName')} error={errors.displayName?.message}>
          {(props) => (
            <input {...props} {...register('displayName')} type="text" autoComplete="off" className={inputClass} />
          )}
        </Field>
        <RoleAndCounty register={register as never} errors={errors} role={role} counties={counties} />
      </div>
      <p className="mt-4 text-slate-700">{t('sessionNote')}</p>
      <button type="submit" disabled={isSubmitting} className={`${buttonClass} mt-6`}>
        {t('save')}
      </button>
    </form>
  );
}

/** Deactivate or reactivate, reset the password, reset two-factor sign-in: each confirmed first. */
export function AccountActions({
  user,
  self,
}: {
  user: { id: string; displayName: string; active: boolean; totpEnabled: boolean };
  self: boolean;
}) {
  const t = useTranslations('admin.users.actions');
  const router = useRouter();
  const [error, setErrorMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(kind: 'active' | 'password' | 'twoFactor') {
    const question =
      kind === 'active'
        ? user.active
          ? t('confirmDeactivate', { name: user.displayName })
          : null
        : kind === 'password'
          ? t('confirmReset', { name: user.displayName })
          : t('confirmResetTwoFactor', { name: user.displayName });
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setErrorMessage(undefined);
    setDone(null);
    const result =
      kind === 'active'
        ? await setUserActiveAction({ id: user.id, active: !user.active })
        : kind === 'password'
          ? await resetPasswordAction({ id: user.id })
          : await resetTwoFactorAction({ id: user.id });
    setBusy(false);
    if (!result.ok) return setErrorMessage(messageOf(result));
    if (kind === 'password' && result.data && 'oneTimePassword' in result.data)
      setOneTime(String(result.data.oneTimePassword));
    setDone(
      kind === 'active'
        ? user.active
          ? t('deactivated')
          : t('reactivated')
        : kind === 'twoFactor'
          ? t('twoFactorReset')
          : null,
    );
    router.refresh();
  }

  if (self) return <p className="mt-4 text-slate-700">{t('selfNote')}</p>;

  return (
    <div className="mt-4">
      <FormAlert message={error} />
      <FormSaved message={done} />
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={() => run('active')}
          className={user.active ? dangerButtonClass : secondaryButtonClass}
        >
          {user.active ? t('deactivate') : t('reactivate')}
        </button>
        <button type="button" disabled={busy} onClick={() => run('password')} className={secondaryButtonClass}>
          {t('resetPassword')}
        </button>
        {user.totpEnabled ? (
          <button type="button" disabled={busy} onClick={() => run('twoFactor')} className={secondaryButtonClass}>
            {t('resetTwoFactor')}
          </button>
        ) : null}
      </div>
      {oneTime ? <OneTimePassword password={oneTime} name={user.displayName} /> : null}
    </div>
  );
}
