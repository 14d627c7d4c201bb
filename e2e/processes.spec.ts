import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO } from './fixtures';
import { signedInClient } from './support/actions';

// Issue 21 item 3: `npm start` (scripts/start.mjs) runs WEB_CONCURRENCY server processes on one
// port on PostgreSQL, and they behave as one app: a session made on one process is good on the
// other, and each of them serves. On the embedded database it stays one process.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The direct children of a process, with the CPU ticks each has used (Linux /proc). */
function children(pid: number): { pid: number; ticks: number }[] {
  const found: { pid: number; ticks: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) found.push({ pid: Number(entry), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return found.sort((a, b) => a.pid - b.pid);
}

type Started = { child: ChildProcess; url: string; output: () => string; stop: () => Promise<void> };

async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = () => Buffer.concat(chunks).toString('utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await expect
      .poll(
        async () => {
          if (child.exitCode !== null) throw new Error(`npm start exited:\n${output().slice(-3000)}`);
          return fetch(`${url}/api/health`).then(
            (r) => r.status,
            () => 0,
          );
        },
        { timeout: 120_000, intervals: [300] },
      )
      .toBe(200);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, url, output, stop };
}

test('on PostgreSQL, npm start runs WEB_CONCURRENCY processes that serve as one app', async () => {
  test.skip(!onPostgres, 'PostgreSQL only: the embedded database runs one process (the next test)');
  test.setTimeout(180_000);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const database = `${url.pathname.slice(1)}_e2e_processes`;
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  url.pathname = `/${database}`;
  let started: Started | undefined;
  try {
    // The demo accounts, seeded as an operator would (npm run db:seed -- --demo).
    const seed = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/db-seed.ts', '--demo'],
      { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'ignore' },
    );
    expect(await new Promise((resolve) => seed.once('exit', resolve))).toBe(0);

    started = await npmStart({
      DATABASE_URL: url.toString(),
      AUTH_SECRET: 'processes-spec-secret-not-for-real-use-0123',
      WEB_CONCURRENCY: '2',
    });
    expect(started.output()).toContain('(PostgreSQL, 2 server processes)');
    const workers = children(started.child.pid!);
    expect(workers).toHaveLength(2);

    // A session signed in on whichever process took that connection holds on every connection,
    // each a new one (the primary hands them out in turn), and both processes do work.
    const api = await signedInClient(started.url, DEMO.national.email);
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const answers: string[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await fetch(`${started.url}/api/auth/session`, { headers: { cookie, connection: 'close' } });
      answers.push(((await res.json()) as { user?: { email?: string } } | null)?.user?.email ?? 'none');
      const page = await fetch(`${started.url}/cases`, {
        headers: { cookie, connection: 'close' },
        redirect: 'manual',
      });
      expect(page.status).toBe(200);
      await page.text();
    }
    expect(new Set(answers)).toEqual(new Set([DEMO.national.email]));
    const after = children(started.child.pid!);
    expect(after.map((w) => w.pid)).toEqual(workers.map((w) => w.pid));
    for (const [i, worker] of after.entries()) expect(worker.ticks).toBeGreaterThan(workers[i]!.ticks);
    await api.dispose();
  } finally {
    await started?.stop();
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end();
  }
});

test('on the embedded database, npm start runs one process whatever WEB_CONCURRENCY says', async () => {
  test.skip(onPostgres, 'the embedded database only (this run is on PostgreSQL)');
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'lagesbild-processes-'));
  let started: Started | undefined;
  try {
    started = await npmStart({
      DATABASE_URL: '',
      PGLITE_DIR: path.join(dir, 'pglite'),
      AUTH_SECRET: 'processes-spec-secret-not-for-real-use-0123',
      WEB_CONCURRENCY: '2',
    });
    expect(started.output()).toContain('(embedded PGlite in .data/, 1 server process)');
    expect(started.output()).toContain('the embedded database allows one server process');
    expect(children(started.child.pid!)).toHaveLength(1);
  } finally {
    await started?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
