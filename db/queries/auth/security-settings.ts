import 'server-only';
import { sql } from 'drizzle-orm';
import { changedFields, writeAudit } from '@/db/audit';
import { getDb } from '@/db';
import { assertCan, type Actor } from '@/lib/policy';
import { ROLES, type Role } from '@/lib/roles';
import { roleSecuritySettings } from '@/db/schema';

/** Which roles must use two-factor sign-in (a role without a row: not required). */
export async function listTotpRequiredRoles(actor: Actor): Promise<Role[]> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  const rows = await db.select().from(roleSecuritySettings);
  return ROLES.filter((role) => rows.some((r) => r.role === role && r.totpRequired));
}

/**
 * Require two-factor sign-in of these roles (and of no others). A person of such a role without
 * an authenticator is sent to set one up at their next request; their session stays valid.
 */
export async function setTotpRequiredRoles(actor: Actor, required: readonly Role[]): Promise<void> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const rows = await tx.select().from(roleSecuritySettings).for('update');
    const before = Object.fromEntries(ROLES.map((role) => [role, rows.some((r) => r.role === role && r.totpRequired)]));
    const after = Object.fromEntries(ROLES.map((role) => [role, required.includes(role)]));
    const changes = changedFields(before, after);
    if (Object.keys(changes).length === 0) return;
    for (const role of ROLES) {
      await tx
        .insert(roleSecuritySettings)
        .values({ role, totpRequired: after[role]!, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: roleSecuritySettings.role,
          set: { totpRequired: after[role]!, updatedBy: actor.id, updatedAt: sql`now()` },
        });
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'settings.two_factor_roles',
      entityType: 'role_security_settings',
      changes: { totpRequired: changes },
    });
  });
}
