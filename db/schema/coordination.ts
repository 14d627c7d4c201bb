import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTION_ITEM_STATUSES,
  EVENT_FORMATS,
  GROUP_KINDS,
  TRAINING_AUDIENCES,
  TRAINING_ORGANISERS,
  TRAINING_THEMES,
} from '../../lib/enums';
import { reportingBody } from './cases';
import { counties } from './counties';
import { users } from './users';

// Coordination groups, their meetings and action items, and trainings (issue 4; decision 004).
// A group belongs to its home county; other counties may take part and then read it. Everything a
// meeting refers to (attendees, the member responsible for an action item, the meeting that raised
// or closed it) must belong to the same group: composite foreign keys on (id, group_id) make the
// database refuse a member or meeting of another group, whatever the application does.

export const groupKind = pgEnum('group_kind', GROUP_KINDS);
export const eventFormat = pgEnum('event_format', EVENT_FORMATS);
export const actionItemStatus = pgEnum('action_item_status', ACTION_ITEM_STATUSES);
export const trainingOrganiser = pgEnum('training_organiser', TRAINING_ORGANISERS);
export const trainingTheme = pgEnum('training_theme', TRAINING_THEMES);
export const trainingAudience = pgEnum('training_audience', TRAINING_AUDIENCES);

/** The same limits as the form schemas (app/(app)/coordination/schema.ts, trainings/schema.ts); a test keeps them equal. */
export const COORDINATION_LIMITS = {
  name: 200,
  description: 2000,
  organisationName: 200,
  contactFunction: 200,
  place: 200,
  agenda: 5000,
  minutes: 20000,
  decisions: 5000,
  actionItem: 1000,
  trainingTitle: 200,
  trainingDescription: 2000,
  otherGuests: 10000,
  participants: 100000,
  hours: 1000,
} as const;

const L = (n: number) => sql.raw(String(n));

const auditColumns = () => ({
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const coordinationGroups = pgTable(
  'coordination_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The county that runs the group; it never changes (its coordinator manages the group). */
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    kind: groupKind('kind').notNull(),
    description: text('description'),
    activeFrom: date('active_from').notNull(),
    activeTo: date('active_to'),
    ...auditColumns(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('coordination_groups_county_idx').on(t.countyCode, t.name),
    check(
      'coordination_groups_name_length',
      sql`char_length(btrim(${t.name})) between 1 and ${L(COORDINATION_LIMITS.name)}`,
    ),
    check(
      'coordination_groups_description_length',
      sql`char_length(${t.description}) <= ${L(COORDINATION_LIMITS.description)}`,
    ),
    check(
      'coordination_groups_active_range',
      sql`${t.activeFrom} >= date '1990-01-01' and (${t.activeTo} is null or ${t.activeTo} >= ${t.activeFrom})`,
    ),
    check('coordination_groups_version_positive', sql`${t.version} >= 1`),
    check('coordination_groups_deleted_pair', sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

/** The other counties that take part in a group (never the home county); they may read it. */
export const groupCounties = pgTable(
  'group_counties',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => coordinationGroups.id, { onDelete: 'cascade' }),
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.countyCode] }),
    index('group_counties_county_idx').on(t.countyCode, t.groupId),
  ],
);

/**
 * The member organisations: type, name and the function of the contact person ("samordnare
 * människohandel"), never a person's name or contact details. A member that has attended or is
 * responsible for an action item is marked removed instead of deleted, so the history stays whole.
 */
export const groupMembers = pgTable(
  'group_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => coordinationGroups.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    organisationType: reportingBody('organisation_type').notNull(),
    organisationName: text('organisation_name').notNull(),
    contactFunction: text('contact_function'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('group_members_group_idx').on(t.groupId, t.position),
    unique('group_members_id_group_key').on(t.id, t.groupId),
    check('group_members_not_victim', sql`${t.organisationType} <> 'victim'`),
    check(
      'group_members_name_length',
      sql`char_length(btrim(${t.organisationName})) between 1 and ${L(COORDINATION_LIMITS.organisationName)}`,
    ),
    check(
      'group_members_function_length',
      sql`char_length(${t.contactFunction}) <= ${L(COORDINATION_LIMITS.contactFunction)}`,
    ),
    check('group_members_position_nonnegative', sql`${t.position} >= 0`),
  ],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => coordinationGroups.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    format: eventFormat('format').notNull(),
    place: text('place'),
    otherGuests: integer('other_guests').notNull().default(0),
    agenda: text('agenda'),
    minutes: text('minutes'),
    decisions: text('decisions'),
    ...auditColumns(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('meetings_group_starts_idx').on(t.groupId, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
    unique('meetings_id_group_key').on(t.id, t.groupId),
    check(
      'meetings_time_order',
      sql`${t.endsAt} > ${t.startsAt} and ${t.endsAt} <= ${t.startsAt} + interval '24 hours'`,
    ),
    check('meetings_starts_range', sql`${t.startsAt} >= timestamptz '1990-01-01 00:00:00+00'`),
    check('meetings_other_guests_range', sql`${t.otherGuests} between 0 and ${L(COORDINATION_LIMITS.otherGuests)}`),
    check('meetings_place_length', sql`char_length(${t.place}) between 1 and ${L(COORDINATION_LIMITS.place)}`),
    check('meetings_agenda_length', sql`char_length(${t.agenda}) <= ${L(COORDINATION_LIMITS.agenda)}`),
    check('meetings_minutes_length', sql`char_length(${t.minutes}) <= ${L(COORDINATION_LIMITS.minutes)}`),
    check('meetings_decisions_length', sql`char_length(${t.decisions}) <= ${L(COORDINATION_LIMITS.decisions)}`),
    check('meetings_version_positive', sql`${t.version} >= 1`),
    check('meetings_deleted_pair', sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

/** Which member organisations attended: members of the meeting's own group only (composite keys). */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id').notNull(),
    groupId: uuid('group_id').notNull(),
    memberId: uuid('member_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.memberId] }),
    index('meeting_attendance_member_idx').on(t.memberId),
    foreignKey({
      name: 'meeting_attendance_meeting_fk',
      columns: [t.meetingId, t.groupId],
      foreignColumns: [meetings.id, meetings.groupId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'meeting_attendance_member_fk',
      columns: [t.memberId, t.groupId],
      foreignColumns: [groupMembers.id, groupMembers.groupId],
    }),
  ],
);

/**
 * What a meeting decided someone should do. Raised at one meeting, followed up at the group's
 * next meetings and closed (done or dropped) at one of them. Overdue: still open or in progress
 * after the due date (computed, never stored).
 */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => coordinationGroups.id),
    raisedMeetingId: uuid('raised_meeting_id').notNull(),
    position: smallint('position').notNull(),
    description: text('description').notNull(),
    responsibleMemberId: uuid('responsible_member_id').notNull(),
    dueOn: date('due_on').notNull(),
    status: actionItemStatus('status').notNull().default('open'),
    closedMeetingId: uuid('closed_meeting_id'),
    closedOn: date('closed_on'),
    ...auditColumns(),
  },
  (t) => [
    index('action_items_group_status_idx').on(t.groupId, t.status, t.dueOn),
    index('action_items_pending_due_idx')
      .on(t.dueOn)
      .where(sql`${t.status} in ('open', 'in_progress')`),
    index('action_items_raised_idx').on(t.raisedMeetingId, t.position),
    index('action_items_closed_idx')
      .on(t.closedMeetingId)
      .where(sql`${t.closedMeetingId} is not null`),
    index('action_items_responsible_idx').on(t.responsibleMemberId),
    foreignKey({
      name: 'action_items_raised_fk',
      columns: [t.raisedMeetingId, t.groupId],
      foreignColumns: [meetings.id, meetings.groupId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'action_items_closed_fk',
      columns: [t.closedMeetingId, t.groupId],
      foreignColumns: [meetings.id, meetings.groupId],
    }),
    foreignKey({
      name: 'action_items_responsible_fk',
      columns: [t.responsibleMemberId, t.groupId],
      foreignColumns: [groupMembers.id, groupMembers.groupId],
    }),
    check(
      'action_items_description_length',
      sql`char_length(btrim(${t.description})) between 1 and ${L(COORDINATION_LIMITS.actionItem)}`,
    ),
    check('action_items_closed_pair', sql`(${t.status} in ('done', 'dropped')) = (${t.closedOn} is not null)`),
    check(
      'action_items_closed_meeting_only_when_closed',
      sql`${t.closedMeetingId} is null or ${t.status} in ('done', 'dropped')`,
    ),
    check(
      'action_items_not_closed_where_raised',
      sql`${t.closedMeetingId} is null or ${t.closedMeetingId} <> ${t.raisedMeetingId}`,
    ),
    check('action_items_due_range', sql`${t.dueOn} >= date '1990-01-01'`),
    check('action_items_position_nonnegative', sql`${t.position} >= 0`),
    check('action_items_version_positive', sql`${t.version} >= 1`),
  ],
);

export const trainings = pgTable(
  'trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    organiser: trainingOrganiser('organiser').notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    format: eventFormat('format').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    themes: trainingTheme('themes').array().notNull(),
    /** Average of the participants' evaluations, 1–5, one decimal. */
    evaluation: numeric('evaluation', { precision: 2, scale: 1, mode: 'number' }),
    groupId: uuid('group_id').references(() => coordinationGroups.id),
    description: text('description'),
    ...auditColumns(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('trainings_county_starts_idx').on(t.countyCode, t.startsOn, t.id),
    index('trainings_starts_idx').on(t.startsOn, t.id),
    index('trainings_group_idx')
      .on(t.groupId)
      .where(sql`${t.groupId} is not null`),
    check(
      'trainings_title_length',
      sql`char_length(btrim(${t.title})) between 1 and ${L(COORDINATION_LIMITS.trainingTitle)}`,
    ),
    check(
      'trainings_description_length',
      sql`char_length(${t.description}) <= ${L(COORDINATION_LIMITS.trainingDescription)}`,
    ),
    check('trainings_dates', sql`${t.startsOn} >= date '1990-01-01' and ${t.endsOn} >= ${t.startsOn}`),
    check('trainings_hours_range', sql`${t.hours} > 0 and ${t.hours} <= ${L(COORDINATION_LIMITS.hours)}`),
    check('trainings_themes_present', sql`cardinality(${t.themes}) >= 1`),
    check('trainings_evaluation_range', sql`${t.evaluation} between 1 and 5`),
    check('trainings_version_positive', sql`${t.version} >= 1`),
    check('trainings_deleted_pair', sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

/** Participants per target audience; a training's total is the sum of its rows (never stored). */
export const trainingParticipants = pgTable(
  'training_participants',
  {
    trainingId: uuid('training_id')
      .notNull()
      .references(() => trainings.id, { onDelete: 'cascade' }),
    audience: trainingAudience('audience').notNull(),
    participants: integer('participants').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trainingId, t.audience] }),
    index('training_participants_audience_idx').on(t.audience, t.trainingId),
    check('training_participants_range', sql`${t.participants} between 0 and ${L(COORDINATION_LIMITS.participants)}`),
  ],
);

export type CoordinationGroup = typeof coordinationGroups.$inferSelect;
export type GroupMember = typeof groupMembers.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;
export type Training = typeof trainings.$inferSelect;
export type TrainingParticipant = typeof trainingParticipants.$inferSelect;
