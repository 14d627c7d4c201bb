import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { withContentFreeErrors } from './errors';
import { withTransactionRetries } from './retry';
import * as schema from './schema';
import { loadCounties } from './seed/counties';
import type { Db } from './types';

export type { Db, Tx } from './types';
export type DatabaseDriver = 'pglite' | 'postgresql';

type Handle = { db: Db; driver: DatabaseDriver; close: () => Promise<void> };

// One client per process, kept on globalThis so that dev hot reloads and test files share it.
// PGlite holds its data directory exclusively: a second instance on the same folder loses writes.
const store = globalThis as unknown as { __lagesbildDb?: Promise<Handle> };

export function databaseDriver(): DatabaseDriver {
  return process.env.DATABASE_URL ? 'postgresql' : 'pglite';
}

export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
}

const migrationsFolder = path.join(process.cwd(), 'drizzle');
/** The advisory lock the migrating process holds (any constant; 'LAGE' in ASCII). */
const MIGRATION_LOCK = 0x4c414745;

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // How the pool heals after the server restarts or drops connections (decision 013): a broken
  // connection fails its query and is replaced on the next one (scripts/patch-postgres.mjs repairs
  // the driver's part of that); a connection that cannot be opened gives up after connect_timeout;
  // idle connections are closed (and old ones renewed), so none lingers half-open. The driver's own backoff
  // grows with every failed connection of the pool (3^n / 100 s, up to 20 s) and kept requests
  // waiting for up to 25 s after the server was back: here it stays under half a second.
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connect_timeout: 3,
    idle_timeout: 60,
    // max_lifetime stays the driver's: 30–60 min, drawn per connection so that they do not all renew at once.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    onnotice: () => {},
  });
  const raw = drizzle(client, { schema });
  // Content-free errors, and transactions repeated after a deadlock (decision 016).
  const db = withTransactionRetries(withContentFreeErrors(raw as unknown as Db));
  // Several server processes (npm start runs one per core, decision 013) or hosts start at once:
  // one migrates while the others wait, then finds nothing left to do.
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(raw, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
  return { db, driver: 'postgresql', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(): Promise<Handle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = pgliteDir();
  const inMemory = dir.startsWith('memory://');
  // PGlite does not create parent folders itself.
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(inMemory ? undefined : dir);
  const raw = drizzle(client, { schema });
  // One connection: no deadlock, but the same wrapper as PostgreSQL's (decision 016).
  const db = withTransactionRetries(withContentFreeErrors(raw as unknown as Db));
  await migrate(raw, { migrationsFolder });
  return { db, driver: 'pglite', close: () => client.close() };
}

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  const handle = url ? await openPostgres(url) : await openPglite();
  // The 21 counties are reference data every installation needs; loading them is idempotent.
  await loadCounties(handle.db);
  return handle;
}

export function getDbHandle(): Promise<Handle> {
  if (!store.__lagesbildDb) {
    store.__lagesbildDb = open().catch((error: unknown) => {
      // Let the next request try again (the server may come back) instead of caching the failure.
      store.__lagesbildDb = undefined;
      throw error;
    });
  }
  return store.__lagesbildDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const pending = store.__lagesbildDb;
  store.__lagesbildDb = undefined;
  if (pending) await (await pending).close();
}

export { schema };
