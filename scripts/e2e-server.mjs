// The server Playwright tests against: the built app on its own database with the demo data.
// PGlite: a fresh folder in .e2e-data for every run (one per port, so that two runs on one tree
// do not share one). PostgreSQL: TEST_DATABASE_URL (never DATABASE_URL).
//
// --isolated: a second server for the tests that change what every session sees or needs an
// identity provider (e2e/sso.spec.ts, e2e/session.spec.ts): on a database of its own, with
// single sign-on against e2e/oidc-provider.mjs and a 30-second idle limit.
//
// A spec that starts a server of its own (e2e/support/own-server.ts) names it: E2E_SERVER_NAME
// (its folder or database), E2E_SERVER_PORT, and E2E_SETUP_SQL, run on the seeded database before
// the server opens it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const isolated = process.argv.includes('--isolated');
const basePort = Number(process.env.E2E_PORT ?? 3100);
const port = process.env.E2E_SERVER_PORT ?? String(isolated ? basePort + 2 : basePort);
const name = process.env.E2E_SERVER_NAME ?? (isolated ? 'isolated' : '');
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  AUTH_SECRET: randomBytes(33).toString('base64'),
  AUTH_TRUST_HOST: 'true',
  PORT: port,
  // A missing message fails the page (app/_i18n/request.ts).
  I18N_STRICT: '1',
  // The tests send X-Forwarded-For to play several clients (e2e/security.spec.ts).
  TRUSTED_PROXY_COUNT: '1',
  SIGNIN_MAX_FAILURES_PER_ADDRESS: '30',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
if (process.env.TEST_DATABASE_URL) {
  // A fresh database of its own beside the integration tests' one (whose rows would show up in
  // the lists the browser tests check), as PGlite gets a fresh folder.
  const url = new URL(process.env.TEST_DATABASE_URL);
  const database = `${url.pathname.slice(1)}_e2e${name ? `_${name}` : ''}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  url.pathname = `/${database}`;
  env.DATABASE_URL = url.toString();
} else {
  delete env.DATABASE_URL;
  const dir = path.join(root, '.e2e-data', `${name || 'pglite'}-${port}`);
  env.PGLITE_DIR = path.join(dir, 'db');
  rmSync(dir, { recursive: true, force: true });
}
if (isolated) {
  Object.assign(env, {
    SESSION_IDLE_SECONDS: '30',
    SESSION_WARNING_SECONDS: '20',
    AUTH_OIDC_ISSUER: `http://127.0.0.1:${basePort + 1}`,
    AUTH_OIDC_CLIENT_ID: 'lagesbild-e2e',
    AUTH_OIDC_CLIENT_SECRET: 'e2e-client-secret-only-for-tests',
    AUTH_OIDC_NAME: 'Testleverantören',
  });
}

// Seed in a process of its own before the server opens the database (PGlite: one process at a time).
const seed = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', 'scripts/db-seed.ts', '--demo', '--e2e'],
  { stdio: 'inherit', env },
);
if (seed.status !== 0) process.exit(seed.status ?? 1);

if (process.env.E2E_SETUP_SQL) {
  if (env.DATABASE_URL) {
    const { default: postgres } = await import('postgres');
    const client = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await client.unsafe(process.env.E2E_SETUP_SQL);
    await client.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(env.PGLITE_DIR);
    await client.exec(process.env.E2E_SETUP_SQL);
    await client.close();
  }
}

const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', env.PORT],
  { stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
