// The coordination register's zod schemas (groups, meetings, action items), shared by the
// react-hook-form forms (zodResolver) and the server actions (authedAction). Pure: no server code.
// Use `useForm<XInput, unknown, XOutput>`. Messages are catalogue keys (messages/*.json).
import { z } from 'zod';
import {
  ACTION_ITEM_STATUSES,
  EVENT_FORMATS,
  GROUP_KINDS,
  MEMBER_ORGANISATION_TYPES,
  PENDING_ACTION_ITEM_STATUSES,
} from '@/lib/enums';
import {
  choice,
  chosenId,
  countyCheckboxes,
  countyCode,
  countyParam,
  dateField,
  dateParam,
  flagParam,
  idCheckboxes,
  idParam,
  optionalDateField,
  optionalId,
  pageParam,
  paramIn,
  present,
  recordId,
  REQUIRED,
  timeField,
  version,
  wholeNumber,
  whenValid,
} from '@/lib/forms/fields';
import { guardedText, optionalGuardedText } from '@/lib/privacy-guard';

/** Same limits as the database's checks (db/schema/coordination.ts COORDINATION_LIMITS); a test keeps them equal. */
export const LIMITS = {
  name: 200,
  description: 2000,
  organisationName: 200,
  contactFunction: 200,
  place: 200,
  agenda: 5000,
  minutes: 20000,
  decisions: 5000,
  actionItem: 1000,
  otherGuests: 10000,
  members: 100,
  actionItemsPerMeeting: 50,
  followUps: 500,
} as const;

const required = (max: number) => guardedText(max).min(1, REQUIRED);

// ---------------------------------------------------------------------------------------------
// Groups

/** A member organisation; `id` is set for members that exist (a hidden input), '' for new ones. */
export const MemberSchema = z.object({
  id: optionalId,
  organisationType: choice(MEMBER_ORGANISATION_TYPES),
  organisationName: required(LIMITS.organisationName),
  contactFunction: optionalGuardedText(LIMITS.contactFunction),
});
export type MemberInput = z.input<typeof MemberSchema>;
export type MemberOutput = z.output<typeof MemberSchema>;

const groupFields = {
  name: required(LIMITS.name),
  countyCode,
  kind: choice(GROUP_KINDS),
  participatingCounties: countyCheckboxes,
  description: optionalGuardedText(LIMITS.description),
  activeFrom: dateField({ future: 2 }),
  activeTo: optionalDateField({ future: 10 }),
  members: z
    .array(MemberSchema)
    .max(LIMITS.members, 'validation.membersMax')
    .nullish()
    .transform((list) => list ?? []),
};

type GroupShape = {
  countyCode: string;
  participatingCounties: string[];
  activeFrom: string;
  activeTo: string | null;
  members: MemberOutput[];
};

/** Checks across fields; the home county is never a participating county of its own group. */
function groupChecks<T extends GroupShape>(value: T, ctx: z.RefinementCtx) {
  if (value.activeTo && value.activeTo < value.activeFrom)
    ctx.addIssue({ code: 'custom', path: ['activeTo'], message: 'validation.activeToBeforeFrom' });
  const ids = value.members.map((m) => m.id).filter(Boolean);
  if (new Set(ids).size !== ids.length)
    ctx.addIssue({ code: 'custom', path: ['members'], message: 'validation.duplicate' });
}

function withoutHomeCounty<T extends GroupShape>(value: T): T {
  return { ...value, participatingCounties: value.participatingCounties.filter((c) => c !== value.countyCode) };
}

export const GroupSchema = z
  .object(groupFields)
  .superRefine(groupChecks, whenValid('activeFrom', 'activeTo', 'members'))
  .transform(withoutHomeCounty);
export type GroupInput = z.input<typeof GroupSchema>;
export type GroupOutput = z.output<typeof GroupSchema>;

/** Edit a group: the same fields, its id and the version the form was loaded with. The home county cannot change. */
export const GroupEditSchema = z
  .object({
    ...groupFields,
    // Left out, they would be emptied: an edit must say what the lists are now.
    members: present(groupFields.members),
    participatingCounties: present(groupFields.participatingCounties),
    id: recordId,
    version,
  })
  .superRefine(groupChecks, whenValid('activeFrom', 'activeTo', 'members'))
  .transform(withoutHomeCounty);
export type GroupEditInput = z.input<typeof GroupEditSchema>;
export type GroupEditOutput = z.output<typeof GroupEditSchema>;

export const DeleteSchema = z.object({ id: recordId, version });
export const RestoreSchema = z.object({ id: recordId });

// ---------------------------------------------------------------------------------------------
// Meetings and action items

/** An action item raised at the meeting; `id` and `version` are set for items that exist. */
export const ActionItemSchema = z.object({
  id: optionalId,
  version: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => (value === null || value === undefined || value === '' ? null : value))
    .pipe(version.nullable()),
  description: required(LIMITS.actionItem),
  responsibleMemberId: chosenId,
  dueOn: dateField({ future: 5 }),
});
export type ActionItemInput = z.input<typeof ActionItemSchema>;
export type ActionItemOutput = z.output<typeof ActionItemSchema>;

/** An earlier meeting's item followed up at this meeting: its new status (done or dropped closes it here). */
export const FollowUpSchema = z.object({ id: recordId, version, status: choice(ACTION_ITEM_STATUSES) });
export type FollowUpOutput = z.output<typeof FollowUpSchema>;

const meetingFields = {
  groupId: recordId,
  date: dateField({ future: 2 }),
  startTime: timeField,
  endTime: timeField,
  format: choice(EVENT_FORMATS),
  place: optionalGuardedText(LIMITS.place),
  attendees: idCheckboxes(),
  otherGuests: wholeNumber({ min: 0, max: LIMITS.otherGuests, empty: 0 }),
  agenda: optionalGuardedText(LIMITS.agenda),
  minutes: optionalGuardedText(LIMITS.minutes),
  decisions: optionalGuardedText(LIMITS.decisions),
  actionItems: z
    .array(ActionItemSchema)
    .max(LIMITS.actionItemsPerMeeting, 'validation.actionItemsMax')
    .nullish()
    .transform((list) => list ?? []),
  followUps: z
    .array(FollowUpSchema)
    .max(LIMITS.followUps)
    .nullish()
    .transform((list) => list ?? []),
};

type MeetingShape = {
  startTime: string;
  endTime: string;
  actionItems: ActionItemOutput[];
  followUps: FollowUpOutput[];
};

function meetingTimes<T extends Pick<MeetingShape, 'startTime' | 'endTime'>>(value: T, ctx: z.RefinementCtx) {
  if (value.endTime <= value.startTime)
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'validation.endBeforeStart' });
}

function meetingLists<T extends MeetingShape>(value: T, ctx: z.RefinementCtx) {
  const ids = value.actionItems.map((a) => a.id).filter(Boolean);
  if (new Set(ids).size !== ids.length)
    ctx.addIssue({ code: 'custom', path: ['actionItems'], message: 'validation.duplicate' });
  const followUps = value.followUps.map((f) => f.id);
  if (new Set(followUps).size !== followUps.length)
    ctx.addIssue({ code: 'custom', path: ['followUps'], message: 'validation.duplicate' });
}

export const MeetingSchema = z
  .object(meetingFields)
  .superRefine(meetingTimes, whenValid('startTime', 'endTime'))
  .superRefine(meetingLists, whenValid('actionItems', 'followUps'));
export type MeetingInput = z.input<typeof MeetingSchema>;
export type MeetingOutput = z.output<typeof MeetingSchema>;

export const MeetingEditSchema = z
  .object({
    ...meetingFields,
    // Left out, attendance and the items raised here would be removed. Follow-ups may be left
    // out: none is then changed.
    attendees: present(meetingFields.attendees),
    actionItems: present(meetingFields.actionItems),
    id: recordId,
    version,
  })
  .superRefine(meetingTimes, whenValid('startTime', 'endTime'))
  .superRefine(meetingLists, whenValid('actionItems', 'followUps'));
export type MeetingEditInput = z.input<typeof MeetingEditSchema>;
export type MeetingEditOutput = z.output<typeof MeetingEditSchema>;

export const isPending = (status: string) => (PENDING_ACTION_ITEM_STATUSES as readonly string[]).includes(status);

// ---------------------------------------------------------------------------------------------
// Time: meetings are entered as a date and clock times in Sweden and stored as instants (UTC).

const STOCKHOLM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function stockholmParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = Object.fromEntries(STOCKHOLM_PARTS.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds Sweden is ahead of UTC at the instant (3 600 000 in winter, 7 200 000 in summer). */
function stockholmOffset(ms: number): number {
  const p = stockholmParts(new Date(ms));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a date and clock time in Sweden ('2026-03-29', '10:00'). */
export function stockholmToInstant(date: string, time: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  let instant = wall - stockholmOffset(wall);
  instant = wall - stockholmOffset(instant);
  return new Date(instant);
}

/** An instant as a date and clock time in Sweden. */
export function instantToStockholm(instant: Date): { date: string; time: string } {
  const p = stockholmParts(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

// ---------------------------------------------------------------------------------------------
// The lists' URL query parameters (never throw: what does not fit is dropped)

export const GROUP_ACTIVITY = ['active', 'ended'] as const;

export const GroupFilterSchema = z.object({
  county: countyParam,
  kind: paramIn(GROUP_KINDS),
  activity: paramIn(GROUP_ACTIVITY),
  includeDeleted: flagParam,
  page: pageParam,
});
export type GroupFilterOutput = z.output<typeof GroupFilterSchema>;

export const MeetingFilterSchema = z.object({
  county: countyParam,
  from: dateParam,
  to: dateParam,
  group: idParam,
  format: paramIn(EVENT_FORMATS),
  includeDeleted: flagParam,
  page: pageParam,
});
export type MeetingFilterOutput = z.output<typeof MeetingFilterSchema>;

/** Status filter of the action items: every pending one (the default), the overdue ones, all, or one status. */
export const ACTION_ITEM_FILTER_STATUSES = ['pending', 'overdue', 'all', ...ACTION_ITEM_STATUSES] as const;

export const ActionItemFilterSchema = z.object({
  county: countyParam,
  group: idParam,
  status: paramIn(ACTION_ITEM_FILTER_STATUSES),
  /** The due date's period. */
  from: dateParam,
  to: dateParam,
  page: pageParam,
});
export type ActionItemFilterOutput = z.output<typeof ActionItemFilterSchema>;

/** The picker on /coordination/meetings/new when no group is chosen yet. */
export const NewMeetingParamsSchema = z.object({ group: idParam });
