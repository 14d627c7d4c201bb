import { z } from 'zod';

// The account pages' forms. The length is checked here too (for a quick answer in the browser);
// the server applies the whole policy (db/password-policy.ts). Messages are catalogue keys.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(1024),
    newPassword: z
      .string()
      .min(1, 'validation.required')
      .min(PASSWORD_MIN_LENGTH, 'validation.password.too_short')
      .max(PASSWORD_MAX_LENGTH, 'validation.password.too_long'),
    confirmPassword: z.string().min(1, 'validation.required').max(PASSWORD_MAX_LENGTH),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    // zod's own rule suffices here: it runs beside the length errors (they do not abort), and
    // not on input that is not an object of strings.
    message: 'validation.password.mismatch',
  });
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;

export const TotpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'validation.totpCode')),
});
export type TotpCodeInput = z.input<typeof TotpCodeSchema>;

export const CurrentPasswordSchema = z.object({ currentPassword: z.string().min(1, 'validation.required').max(1024) });
export type CurrentPasswordInput = z.input<typeof CurrentPasswordSchema>;
