// Every kind of event the audit log records, and every kind of record it names: one list, so that
// writeAudit accepts nothing else (db/audit.ts), the log viewer offers each in words in both
// languages (admin.audit.actions / admin.audit.entities; app/_i18n/messages.test.ts checks that
// each has a label), and a new event cannot reach the log as a bare code.

export const AUDIT_ENTITIES = [
  'case',
  'coordination_group',
  'meeting',
  'action_item',
  'training',
  'statistics',
  'user',
  'role_security_settings',
  'audit_log',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
/** The registers whose records are soft-deleted and restored (`<entity>.delete`, `<entity>.restore`). */
export type DeletableEntity = 'case' | 'coordination_group' | 'meeting' | 'training';
/** The lists that export (`<entity>.export`). */
export type ExportedEntity = 'case' | 'meeting' | 'action_item' | 'training';

export const AUDIT_ACTIONS = [
  'case.create',
  'case.read',
  'case.update',
  'case.status',
  'case.person_step',
  'case.delete',
  'case.restore',
  'case.export',
  'coordination_group.create',
  'coordination_group.update',
  'coordination_group.delete',
  'coordination_group.restore',
  'coordination_group.calendar',
  'meeting.create',
  'meeting.update',
  'meeting.delete',
  'meeting.restore',
  'meeting.export',
  'action_item.create',
  'action_item.update',
  'action_item.status',
  'action_item.delete',
  'action_item.export',
  'training.create',
  'training.update',
  'training.delete',
  'training.restore',
  'training.export',
  'statistics.export',
  'statistics.release',
  'statistics.release_day',
  'auth.sign_in',
  'auth.sign_out',
  'auth.sign_in_failed',
  'auth.sign_in_failed_locked',
  'auth.sign_in_refused_locked',
  'auth.sign_in_refused_inactive',
  'auth.recovery_code_used',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.reset_password',
  'user.reset_two_factor',
  'account.change_password',
  'account.set_locale',
  'account.enable_two_factor',
  'account.disable_two_factor',
  'account.regenerate_recovery_codes',
  'settings.two_factor_roles',
  'audit.read',
  'audit.export',
  'demo.cases_seeded',
  'demo.coordination_seeded',
  'synth.cases_generated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The catalogue key of an event or record kind: catalogue keys cannot hold dots ("user.create" is "user_create"). */
export function auditLabelKey(code: string): string {
  return code.replaceAll('.', '_');
}
