import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/lib/audit-events';
import { writeAudit } from '../audit';
import { getDb } from '../index';
import { auditLog } from '../schema';
import { makeUser, uniqueEmail } from '../test/helpers';
import {
  AUDIT_PAGE_SIZE,
  exportAuditEntriesForActor,
  listAuditEntriesForActor,
  listAuditFilterOptions,
} from './audit-log';

describe('audit log viewer', () => {
  it('is for admins and the national coordinator only', async () => {
    for (const role of ['admin', 'national_coordinator'] as const) {
      await expect(listAuditEntriesForActor(await makeUser(role), {})).resolves.toBeDefined();
    }
    for (const actor of [
      await makeUser('national_analyst'),
      await makeUser('county_coordinator', '01'),
      await makeUser('county_staff', '01'),
    ]) {
      await expect(listAuditEntriesForActor(actor, {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(exportAuditEntriesForActor(actor, {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(listAuditFilterOptions(actor)).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('filters by person, county, entity, action and period, and writes its own reading to the log', async () => {
    const admin = await makeUser('admin');
    const someone = await makeUser('county_coordinator', '07');
    const db = await getDb();
    const entityId = uniqueEmail('entity');
    await writeAudit(db, {
      actorId: someone.id,
      action: 'training.update',
      entityType: 'training',
      entityId,
      countyCode: '07',
    });
    await writeAudit(db, {
      actorId: someone.id,
      action: 'training.export',
      entityType: 'training',
      entityId,
      countyCode: '08',
    });
    await writeAudit(db, {
      actorId: admin.id,
      action: 'training.update',
      entityType: 'training',
      entityId,
      countyCode: '07',
    });

    const byPerson = await listAuditEntriesForActor(admin, { actorId: someone.id, entityType: 'training' });
    expect(byPerson.rows.map((r) => r.action)).toEqual(['training.export', 'training.update']);
    expect(byPerson.rows[0]).toMatchObject({
      actorName: 'Test county_coordinator',
      actorEmail: someone.email,
      entityId,
    });
    expect(
      (await listAuditEntriesForActor(admin, { actorId: someone.id, county: '07' })).rows.map((r) => r.action),
    ).toEqual(['training.update']);
    expect(
      (await listAuditEntriesForActor(admin, { actorId: someone.id, action: 'training.export' })).rows,
    ).toHaveLength(1);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(
      (await listAuditEntriesForActor(admin, { actorId: someone.id, entityType: 'training', from: today, to: today }))
        .rows,
    ).toHaveLength(2);
    expect(
      (await listAuditEntriesForActor(admin, { actorId: someone.id, entityType: 'training', to: '2020-01-01' })).rows,
    ).toHaveLength(0);

    const reads = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.actorId} = ${admin.id} and ${auditLog.action} = 'audit.read'`)
      .orderBy(auditLog.id);
    expect(reads.length).toBe(5);
    expect(reads[0]!.changes).toMatchObject({ filter: { actorId: someone.id, entityType: 'training' }, rowCount: 2 });
  });

  it('pages newest first without gaps or repeats', async () => {
    const admin = await makeUser('admin');
    const someone = await makeUser('national_analyst');
    const db = await getDb();
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
      await writeAudit(db, { actorId: someone.id, action: 'case.read', entityType: 'training', entityId: String(i) });
    const first = await listAuditEntriesForActor(admin, { actorId: someone.id, action: 'case.read' });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]!.entityId).toBe(String(AUDIT_PAGE_SIZE + 4));
    const second = await listAuditEntriesForActor(
      admin,
      { actorId: someone.id, action: 'case.read' },
      first.nextBefore!,
    );
    expect(second.rows.map((r) => r.entityId)).toEqual(['4', '3', '2', '1', '0']);
    expect(second.nextBefore).toBeNull();
  });

  it('shows a case’s recorded values only to someone who may read the case; the admin sees which fields changed', async () => {
    const admin = await makeUser('admin');
    const national = await makeUser('national_coordinator');
    const staff = await makeUser('county_staff', '01');
    const db = await getDb();
    const entityId = uniqueEmail('case');
    await writeAudit(db, {
      actorId: staff.id,
      action: 'case.update',
      entityType: 'case',
      entityId,
      countyCode: '01',
      changes: { notes: { from: 'a', to: 'secret note' } },
    });
    const asAdmin = (await listAuditEntriesForActor(admin, { actorId: staff.id, entityType: 'case' })).rows[0]!;
    expect(asAdmin).toMatchObject({ fields: ['notes'], changes: null });
    const asNational = (await listAuditEntriesForActor(national, { actorId: staff.id, entityType: 'case' })).rows[0]!;
    expect(asNational.changes).toEqual({ notes: { from: 'a', to: 'secret note' } });
    // An account change is shown in full to both.
    await writeAudit(db, {
      actorId: admin.id,
      action: 'user.update',
      entityType: 'user',
      entityId: staff.id,
      changes: { role: { from: 'county_staff', to: 'county_coordinator' } },
    });
    expect(
      (await listAuditEntriesForActor(national, { actorId: admin.id, entityType: 'user' })).rows[0]!.changes,
    ).toMatchObject({ role: { to: 'county_coordinator' } });
    const exported = await exportAuditEntriesForActor(admin, { actorId: staff.id, entityType: 'case' });
    expect(JSON.stringify(exported.rows)).not.toContain('secret note');
  });

  it('exports the filtered entries and records the export', async () => {
    const national = await makeUser('national_coordinator');
    const someone = await makeUser('county_staff', '03');
    const db = await getDb();
    await writeAudit(db, { actorId: someone.id, action: 'meeting.export', entityType: 'training', countyCode: '03' });
    const { rows, truncated } = await exportAuditEntriesForActor(national, { actorId: someone.id });
    expect(rows.map((r) => r.action)).toContain('meeting.export');
    expect(truncated).toBe(false);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.actorId} = ${national.id} and ${auditLog.action} = 'audit.export'`);
    expect(entry!.changes).toMatchObject({ filter: { actorId: someone.id }, rowCount: rows.length });
  });

  it('offers the people, and every kind of event and record the log can hold', async () => {
    const admin = await makeUser('admin');
    const options = await listAuditFilterOptions(admin);
    expect(options.actions).toEqual(AUDIT_ACTIONS);
    expect(options.entityTypes).toEqual(AUDIT_ENTITIES);
    expect(options.people.some((p) => p.id === admin.id)).toBe(true);
  });
});
