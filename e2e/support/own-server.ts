import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

// A production server of the spec's own (scripts/e2e-server.mjs with a name): on a fresh database
// with the demo data and the browser tests' accounts, on a free port, with everything it writes to
// stdout and stderr kept, and its database readable once it has stopped (PGlite holds its folder
// while the server runs). The shared e2e server's output goes to Playwright's console instead.

export type OwnServer = {
  url: string;
  /** Everything the server (and the seed before it) wrote, as raw bytes: a NUL or a lone surrogate stays visible. */
  output(): Buffer;
  /** The output's lines since the mark (output().length at the time). */
  linesSince(mark: number): string[];
  stop(): Promise<void>;
  /** Run a query on the server's database (after stop() on PGlite). */
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** Stop the server and remove its database. */
  dispose(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output().slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the server did not answer in time:\n${output().slice(-4000)}`);
}

type Database = { query: (text: string) => Promise<unknown[]>; close: () => Promise<void> };

/** Where scripts/e2e-server.mjs puts the server's database: a PGlite folder, or a PostgreSQL database beside TEST_DATABASE_URL's. */
function databaseOf(name: string, port: number): { dir: string } | { url: string; database: string } {
  if (!process.env.TEST_DATABASE_URL) return { dir: path.join(process.cwd(), '.e2e-data', `${name}-${port}`) };
  const url = new URL(process.env.TEST_DATABASE_URL);
  const database = `${url.pathname.slice(1)}_e2e_${name}`;
  url.pathname = `/${database}`;
  return { url: url.toString(), database };
}

async function openDatabase(name: string, port: number): Promise<Database> {
  const where = databaseOf(name, port);
  if ('url' in where) {
    const { default: postgres } = await import('postgres');
    const client = postgres(where.url, { max: 1, onnotice: () => {} });
    return { query: async (text) => [...(await client.unsafe(text))], close: () => client.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(path.join(where.dir, 'db'));
  return { query: async (text) => (await client.query(text)).rows, close: () => client.close() };
}

async function removeDatabase(name: string, port: number): Promise<void> {
  const where = databaseOf(name, port);
  if ('dir' in where) return rm(where.dir, { recursive: true, force: true });
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${where.database}" with (force)`);
  await admin.end();
}

export async function startOwnServer(name: string, options: { setupSql?: string } = {}): Promise<OwnServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['scripts/e2e-server.mjs'], {
    env: {
      ...process.env,
      E2E_SERVER_NAME: name,
      E2E_SERVER_PORT: String(port),
      LOG_LEVEL: 'info',
      ...(options.setupSql ? { E2E_SETUP_SQL: options.setupSql } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = () => Buffer.concat(chunks);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForHealth(url, child, () => output().toString('utf8'));
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }

  let database: Database | undefined;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    output,
    linesSince: (mark) => output().subarray(mark).toString('utf8').split('\n'),
    stop,
    async query<T>(text: string) {
      database ??= await openDatabase(name, port);
      return (await database.query(text)) as T[];
    },
    async dispose() {
      await stop();
      await database?.close();
      database = undefined;
      await removeDatabase(name, port);
    },
  };
}
