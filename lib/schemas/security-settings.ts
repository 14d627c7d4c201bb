import { z } from 'zod';
import { checkboxInput } from '@/lib/forms/fields';
import { ROLES } from '@/lib/roles';

/** The roles that must use two-factor sign-in (a checkbox group: an array, false or a string). */
export const TwoFactorRolesSchema = z.object({
  roles: checkboxInput
    .pipe(z.array(z.enum(ROLES, { error: 'validation.choice' })))
    .transform((roles) => ROLES.filter((r) => roles.includes(r))),
});
export type TwoFactorRolesInput = z.input<typeof TwoFactorRolesSchema>;
