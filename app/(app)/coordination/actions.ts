'use server';

import { authedAction } from '@/app/_lib/action';
import { createGroup, deleteGroup, restoreGroup, updateGroup } from '@/db/queries/coordination/groups';
import { createMeeting, deleteMeeting, restoreMeeting, updateMeeting } from '@/db/queries/coordination/meetings';
import {
  DeleteSchema,
  GroupEditSchema,
  GroupSchema,
  MeetingEditSchema,
  MeetingSchema,
  RestoreSchema,
} from '@/lib/schemas/coordination';

// Thin: parse (authedAction), then the data layer checks permission and county.
export const createGroupAction = authedAction(GroupSchema, (input, actor) => createGroup(actor, input));
export const updateGroupAction = authedAction(GroupEditSchema, (input, actor) => updateGroup(actor, input));
export const deleteGroupAction = authedAction(DeleteSchema, (input, actor) => deleteGroup(actor, input));
export const restoreGroupAction = authedAction(RestoreSchema, (input, actor) => restoreGroup(actor, input));

export const createMeetingAction = authedAction(MeetingSchema, (input, actor) => createMeeting(actor, input));
export const updateMeetingAction = authedAction(MeetingEditSchema, (input, actor) => updateMeeting(actor, input));
export const deleteMeetingAction = authedAction(DeleteSchema, (input, actor) => deleteMeeting(actor, input));
export const restoreMeetingAction = authedAction(RestoreSchema, (input, actor) => restoreMeeting(actor, input));
