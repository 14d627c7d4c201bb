import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

// The PostgreSQL driver's repair (scripts/patch-postgres.mjs): a connection whose server process
// has gone fails its queries with CONNECTION_CLOSED, and reconnects, instead of throwing from a
// timer (an uncaught TypeError that takes the server down) or hanging for ever.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the PostgreSQL driver after its connection is killed (PostgreSQL only)', () => {
  const clients: ReturnType<typeof postgres>[] = [];
  const client = (max: number) => {
    const sql = postgres(url!, { max, onnotice: () => {} });
    clients.push(sql);
    return sql;
  };
  afterAll(async () => {
    await Promise.all(clients.map((sql) => sql.end({ timeout: 1 })));
  });

  it('rejects every later query on a reserved connection with CONNECTION_CLOSED, uncaught nothing', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const sql = client(2);
      const killer = client(1);
      const reserved = await sql.reserve();
      const { pid } = (await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!;
      await killer`select pg_terminate_backend(${pid})`;
      const settle = (query: Promise<unknown>) =>
        Promise.race([
          query.then(
            () => 'answered',
            (error: { code?: string }) => error.code,
          ),
          new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000)),
        ]);
      const first = await settle(reserved`select 1`);
      const second = await settle(reserved`select 1`);
      // Let a write scheduled for the next turn of the event loop run.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      // The first learns of the reset (ECONNRESET) or of the close; the next one, on no socket, is told so.
      expect(['ECONNRESET', 'CONNECTION_CLOSED']).toContain(first);
      expect(second).toBe('CONNECTION_CLOSED');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('serves again on every connection of the pool after all of them were killed', async () => {
    const sql = client(4);
    const killer = client(1);
    const pids = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql.begin(async (tx) => (await tx<{ pid: number }[]>`select pg_backend_pid() as pid, pg_sleep(0.05)`)[0]!.pid),
      ),
    );
    expect(new Set(pids).size).toBe(4);
    await killer`select pg_terminate_backend(pid) from pg_stat_activity where pid = any(${pids})`;
    for (let i = 0; i < 50; i++) {
      const rows = await killer<{ left: number }[]>`
        select count(*)::int as left from pg_stat_activity where pid = any(${pids})`;
      const left = rows[0]!.left;
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The first query on each dead connection may fail (it learns that the connection is gone)…
    await Promise.allSettled(Array.from({ length: 8 }, () => sql.begin((tx) => tx`select 1`)));
    // …then every connection is replaced and serves, promptly.
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => sql.begin(async (tx) => (await tx`select pg_sleep(0.05), 1 as one`).length)),
    );
    expect(answers).toEqual(Array(8).fill(1));
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
