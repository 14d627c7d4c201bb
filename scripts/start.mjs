// npm start: build when needed, then serve on PORT (3000). Without DATABASE_URL the app runs on
// the embedded database in .data/ and seeds the demo on its first start.
//
// On PostgreSQL it runs WEB_CONCURRENCY server processes (default: one per core) on the one
// port: Node's cluster module hands each incoming connection to one of them in turn. Everything
// the processes must agree on (sessions, lockouts, rate limits, versions) is in the database
// (decision 013). PGlite's folder allows one process, so the embedded database always gets one.
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const processes = serverProcesses();
console.log(
  `Lägesbild: starting on http://localhost:${port} (${env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite in .data/'}, ${processes} server process${processes === 1 ? '' : 'es'}) …`,
);

/** WEB_CONCURRENCY, else one per core; always one on the embedded database. */
function serverProcesses() {
  const fallback = os.availableParallelism();
  const wanted = env.WEB_CONCURRENCY ? Number(env.WEB_CONCURRENCY) : fallback;
  if (!Number.isInteger(wanted) || wanted < 1) {
    console.error(`Lägesbild: WEB_CONCURRENCY must be a whole number of at least 1 (it is "${env.WEB_CONCURRENCY}").`);
    process.exit(1);
  }
  if (!env.DATABASE_URL) {
    if (env.WEB_CONCURRENCY && wanted > 1)
      console.warn(
        'Lägesbild: the embedded database allows one server process; WEB_CONCURRENCY applies on PostgreSQL.',
      );
    return 1;
  }
  return wanted;
}

if (processes === 1) {
  const server = spawn(process.execPath, [next, 'start', '-p', port], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
} else {
  // Each worker runs `next start` itself; its listen() on the port goes through this process.
  cluster.setupPrimary({ exec: next, args: ['start', '-p', port] });
  let stopping = false;
  let exitCode = 0;
  const started = new Map();
  const fork = () => {
    const worker = cluster.fork(env);
    started.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    const ranFor = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A process that dies is replaced; one that dies at once (a broken build, a refused start) ends it all.
    if (ranFor < 10_000) {
      console.error(`Lägesbild: a server process exited during start-up (${signal ?? code}); stopping.`);
      exitCode = code || 1;
      stop('SIGTERM');
      return;
    }
    console.error(`Lägesbild: a server process exited (${signal ?? code}); starting another.`);
    fork();
  });
  const stop = (signal) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  for (let i = 0; i < processes; i++) fork();
}
