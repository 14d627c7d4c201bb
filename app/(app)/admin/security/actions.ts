'use server';

import { authedAction } from '@/app/_lib/action';
import { setTotpRequiredRoles } from '@/db/queries/auth/security-settings';
import { TwoFactorRolesSchema } from '@/lib/schemas/security-settings';

export const setTwoFactorRolesAction = authedAction(TwoFactorRolesSchema, (input, actor) =>
  setTotpRequiredRoles(actor, input.roles),
);
