import { z } from 'zod';
import { ROLES } from '@/lib/roles';

/** The roles that must use two-factor sign-in (a checkbox group: an array, false or a string). */
export const TwoFactorRolesSchema = z.object({
  roles: z
    .union([z.array(z.string()), z.string(), z.literal(false), z.null()])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []))
    .pipe(z.array(z.enum(ROLES, { error: 'validation.choice' })))
    .transform((roles) => ROLES.filter((r) => roles.includes(r))),
});
export type TwoFactorRolesInput = z.input<typeof TwoFactorRolesSchema>;
