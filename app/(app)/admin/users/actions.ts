'use server';

import { authedAction } from '@/app/_lib/action';
import {
  createUserByAdmin,
  resetPasswordByAdmin,
  resetTwoFactorByAdmin,
  setUserActiveByAdmin,
  updateUserByAdmin,
} from '@/db/queries/users/admin';
import { NewUserSchema, SetActiveSchema, UpdateUserSchema, UserIdSchema } from '@/lib/schemas/users';

// Thin: parse (authedAction), then the data layer checks user.manage, the last-admin rule and
// audits the change.
export const createUserAction = authedAction(NewUserSchema, (input, actor) => createUserByAdmin(actor, input));
export const updateUserAction = authedAction(UpdateUserSchema, (input, actor) => updateUserByAdmin(actor, input));
export const setUserActiveAction = authedAction(SetActiveSchema, (input, actor) => setUserActiveByAdmin(actor, input));
export const resetPasswordAction = authedAction(UserIdSchema, (input, actor) => resetPasswordByAdmin(actor, input));
export const resetTwoFactorAction = authedAction(UserIdSchema, (input, actor) => resetTwoFactorByAdmin(actor, input));
