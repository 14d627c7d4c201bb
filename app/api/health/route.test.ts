import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The route runs in a process of its own here, so that it opens its own database client with
// the environment each case needs (the test process shares one client between all files).
async function callHealth(env: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const script = `import('./app/api/health/route.ts').then(async (m) => { const r = await (m.GET ?? m.default.GET)(); console.log(JSON.stringify({ status: r.status, body: await r.json() })); process.exit(0); })`;
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
    expect(await callHealth(env)).toEqual({
      status: 200,
      body: { status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' },
    });
  });

  it('answers 503 "unavailable" when the database cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    expect(await callHealth({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' })).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'postgresql' },
    });
  });
});
