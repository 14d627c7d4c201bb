'use server';

import QRCode from 'qrcode';
import { z } from 'zod';
import { authedAction } from '@/app/_lib/action';
import { signOut } from '@/auth';
import {
  changeOwnPassword,
  confirmTotpSetup,
  disableOwnTotp,
  regenerateRecoveryCodes,
  startTotpSetup,
} from '@/db/queries/users/account';
import { ChangePasswordSchema, CurrentPasswordSchema, TotpCodeSchema } from '@/lib/schemas/account';

// Thin: the data layer acts on the actor's own account only. Open to a person with a pending
// step, since these are the pages where they complete it.
const pending = { allowPending: true };

/** Every session of the person ends with the old password, this one too: they sign in again. */
export const changePasswordAction = authedAction(
  ChangePasswordSchema,
  async (input, actor) => {
    await changeOwnPassword(actor, input);
    await signOut({ redirectTo: '/login?reason=password_changed' });
  },
  pending,
);

export const startTotpSetupAction = authedAction(
  z.object({}),
  async (_input, actor) => {
    const setup = await startTotpSetup(actor);
    const qrCode = await QRCode.toDataURL(setup.uri, { errorCorrectionLevel: 'M', margin: 2, width: 224 });
    return { formattedSecret: setup.formattedSecret, qrCode };
  },
  pending,
);

export const confirmTotpSetupAction = authedAction(
  TotpCodeSchema,
  (input, actor) => confirmTotpSetup(actor, input),
  pending,
);

export const regenerateRecoveryCodesAction = authedAction(CurrentPasswordSchema, (input, actor) =>
  regenerateRecoveryCodes(actor, input),
);

export const disableTotpAction = authedAction(CurrentPasswordSchema, (input, actor) => disableOwnTotp(actor, input));
