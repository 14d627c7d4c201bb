// npm start: build when needed, then serve on PORT (3000). Without DATABASE_URL the app runs on
// the embedded database in .data/ and seeds the demo on its first start.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = process.cwd();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

// A person trying Lägesbild should not have to invent a secret: make one on first start and keep
// it beside the data. A production installation on PostgreSQL must bring its own (the app checks).
if (!env.AUTH_SECRET && !(env.NODE_ENV === 'production' && env.DATABASE_URL)) {
  const dataDir = path.join(root, '.data');
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(33).toString('base64'), { mode: 0o600 });
  }
  env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
}
// Sign-in links are built from the Host header of the request; set AUTH_URL to pin them.
if (!env.AUTH_URL && !env.AUTH_TRUST_HOST) env.AUTH_TRUST_HOST = 'true';

buildIfNeeded();

const port = env.PORT ?? '3000';
console.log(
  `Lägesbild: starting on http://localhost:${port} (${env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite in .data/'}) …`,
);
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', port],
  { stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
