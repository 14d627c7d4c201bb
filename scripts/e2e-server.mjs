// The server Playwright tests against: the built app on its own database with the demo data.
// PGlite: a fresh folder in .e2e-data for every run. PostgreSQL: TEST_DATABASE_URL (never DATABASE_URL).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  AUTH_SECRET: randomBytes(33).toString('base64'),
  AUTH_TRUST_HOST: 'true',
  PORT: process.env.E2E_PORT ?? '3100',
};
if (process.env.TEST_DATABASE_URL) {
  // A fresh database of its own beside the integration tests' one (whose rows would show up in
  // the lists the browser tests check), as PGlite gets a fresh folder.
  const url = new URL(process.env.TEST_DATABASE_URL);
  const name = `${url.pathname.slice(1)}_e2e`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
} else {
  delete env.DATABASE_URL;
  env.PGLITE_DIR = path.join(root, '.e2e-data', 'pglite');
  rmSync(path.join(root, '.e2e-data'), { recursive: true, force: true });
}

// Seed in a process of its own before the server opens the database (PGlite: one process at a time).
const seed = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db-seed.ts', '--demo', '--e2e'], { stdio: 'inherit', env });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', env.PORT], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
