import { inspect } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseErrorDetail, DatabaseError, toDatabaseError } from './errors';
import { getDb } from './index';
import { users } from './schema';
import { makeUser } from './test/helpers';

// What the database boundary lets through when a query fails: the code and the names of what
// it concerns, never a value (issue 11). Everything an error printer can reach is checked:
// message, stack, own properties and the cause chain, as util.inspect (Next.js, console.error) shows them.

const MARKER = 'Målsäganden Anna Andersson';

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => {
      throw new Error('expected the query to fail');
    },
    (error: unknown) => error,
  );
}

function printed(error: unknown): string {
  return `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)} ${String(error)}`;
}

describe('a failed query', () => {
  beforeAll(async () => {
    await getDb();
  });

  it('holds its SQLSTATE and no parameter (text PostgreSQL cannot store)', async () => {
    const db = await getDb();
    const error = await failureOf(() => db.execute(sql`select ${`${MARKER}\u0000`}::text as t`));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ name: 'DatabaseError', code: '22021' });
    expect(printed(error)).not.toContain('Anna');
    // The database's own words stay reachable for the tests that check which rule refused a row.
    expect(databaseErrorDetail(error)).toMatch(/invalid byte sequence/);
  });

  it('names the constraint, and not the value the detail quotes, also when a transaction fails', async () => {
    const db = await getDb();
    const user = await makeUser('county_staff', '01');
    const other = await makeUser('county_staff', '01');
    const error = await failureOf(() =>
      db.transaction(async (tx) => {
        await tx.update(users).set({ email: user.email }).where(eq(users.id, other.id));
      }),
    );
    expect(error).toMatchObject({ code: '23505', table: 'users' });
    expect((error as DatabaseError).constraint).toMatch(/email/);
    expect(printed(error)).not.toContain(user.email);
    expect(databaseErrorDetail(error)).toContain(user.email);
  });

  it("holds no value that the database's own message quotes", async () => {
    const db = await getDb();
    const error = await failureOf(() => db.select().from(users).where(eq(users.id, MARKER)));
    expect(error).toMatchObject({ code: '22P02' });
    expect(databaseErrorDetail(error)).toContain('Anna');
    expect(printed(error)).not.toContain('Anna');
  });
});

describe('toDatabaseError', () => {
  it("turns drizzle's wrapper and the driver's error into the code and names only", () => {
    const cause = Object.assign(new Error(`Key (email)=(${MARKER}) already exists.`), {
      severity: 'ERROR',
      code: '23505',
      constraint_name: 'users_email_unique',
      table_name: 'users',
      detail: `Key (email)=(${MARKER}) already exists.`,
    });
    const error = toDatabaseError(new DrizzleQueryError('insert into users (email) values ($1)', [MARKER], cause));
    expect(error).toMatchObject({ code: '23505', constraint: 'users_email_unique', table: 'users' });
    expect(printed(error)).not.toContain('Anna');
  });

  it('leaves every other error as it is', () => {
    const error = new Error('not the database');
    expect(toDatabaseError(error)).toBe(error);
    expect(toDatabaseError('text')).toBe('text');
  });

  it('keeps a code only when it looks like one', () => {
    const error = toDatabaseError({ severity: 'ERROR', code: `${MARKER} 22021`, message: MARKER });
    expect(error).toMatchObject({ code: 'unknown' });
  });
});
