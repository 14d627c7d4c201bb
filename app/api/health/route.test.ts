import { execFile } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The route runs in a process of its own here, so that it opens its own database client with
// the environment each case needs (the test process shares one client between all files).
async function callHealth(env: Record<string, string>): Promise<{ status: number; body: unknown; ms: number }> {
  // The driver's modules are loaded first, as in a running server: the time is the route's own.
  const script = `Promise.all([import('postgres'), import('drizzle-orm/postgres-js'), import('drizzle-orm/postgres-js/migrator')]).then(() => import('./app/api/health/route.ts')).then(async (m) => { const t = performance.now(); const r = await (m.GET ?? m.default.GET)(); const ms = Math.round(performance.now() - t); console.log(JSON.stringify({ status: r.status, body: await r.json(), ms })); process.exit(0); })`;
  const { stdout } = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', script], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('GET /api/health', () => {
  it('answers 200 and names the database when it can be reached', async () => {
    const env: Record<string, string> = process.env.TEST_DATABASE_URL
      ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
      : { DATABASE_URL: '', PGLITE_DIR: 'memory://' };
    expect(await callHealth(env)).toMatchObject({
      status: 200,
      body: { status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' },
    });
  });

  it('answers 503 "unavailable" when the database cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    expect(await callHealth({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' })).toMatchObject({
      status: 503,
      body: { status: 'unavailable', database: 'postgresql' },
    });
  });

  it('answers 503 within 2 s when the database accepts the connection but never answers', async () => {
    // A server that takes the connection and says nothing, as a stopped or overloaded host does.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const answer = await callHealth({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none` });
      expect(answer).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'postgresql' } });
      expect(answer.ms).toBeLessThan(2_000);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
