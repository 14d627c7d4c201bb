import { spawn, type ChildProcess } from 'node:child_process';
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
  closeDatabase(): Promise<void>;
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

async function openDatabase(name: string, port: number): Promise<Database> {
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `${url.pathname}_e2e_${name}`;
    const { default: postgres } = await import('postgres');
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    return { query: async (text) => [...(await client.unsafe(text))], close: () => client.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(path.join(process.cwd(), '.e2e-data', `${name}-${port}`, 'db'));
  return { query: async (text) => (await client.query(text)).rows, close: () => client.close() };
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
  return {
    url,
    output,
    linesSince: (mark) => output().subarray(mark).toString('utf8').split('\n'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async query<T>(text: string) {
      database ??= await openDatabase(name, port);
      return (await database.query(text)) as T[];
    },
    async closeDatabase() {
      await database?.close();
      database = undefined;
    },
  };
}
