'use server';

import { authedAction } from '@/app/_lib/action';
import { setTotpRequiredRoles } from '@/db/queries/security-settings';
import { TwoFactorRolesSchema } from './schema';

export const setTwoFactorRolesAction = authedAction(TwoFactorRolesSchema, (input, actor) =>
  setTotpRequiredRoles(actor, input.roles),
);
