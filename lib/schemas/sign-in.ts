import { z } from 'zod';

// Messages are catalogue keys; the form translates them.
export const SignInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254).email('validation.email'),
  password: z.string().min(1, 'validation.required').max(1024),
  /** The second step: a 6-digit code from the authenticator app, or a recovery code. */
  code: z.string().trim().max(32).optional(),
  callbackUrl: z.string().max(2048).optional(),
});
export type SignInInput = z.input<typeof SignInSchema>;
