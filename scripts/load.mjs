// npm run load [-- --base-url http://localhost:3000] [--connections 50] [--seconds 60] [--json]
//                 [--server-pid <pid of npm start's node>]
//
// Throughput under load through the RUNNING app: N connections, each requesting pages of a mixed
// set one after the other (signed in as demo accounts, like browsers) for a fixed time; prints
// requests a second, p50/p95/p99 and the errors (any answer but a 200 with a whole page).
// Compare `WEB_CONCURRENCY=1 npm start` with the default (one process per core): BENCHMARKS.md.
// With --server-pid (Linux): the CPU-seconds the server's processes used in the measured time,
// which tells on a shared machine how much of the CPU the server got.
// Only for a server on this machine or one of the project's own test hosts.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://localhost:3000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    'server-pid': { type: 'string' },
  },
});
const baseUrl = values['base-url'];
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const PASSWORD = 'Lagesbild-demo-2026';

const year =
  Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()).slice(0, 4)) - 1;
/** The mix: who asks for what (demo accounts). */
const MIX = [
  ['nationell@lagesbild.test', '/'],
  ['nationell@lagesbild.test', '/cases'],
  ['nationell@lagesbild.test', `/overview?year=${year}`],
  ['samordnare.ab@lagesbild.test', `/overview/01?year=${year}`],
  ['samordnare.ab@lagesbild.test', '/cases'],
  ['samordnare.ab@lagesbild.test', '/coordination'],
  ['handlaggare.ab@lagesbild.test', '/trainings'],
  ['analytiker@lagesbild.test', `/overview?year=${year}`],
];

/** CPU-seconds (user + system) of a process and all its descendants, from /proc. */
function cpuSeconds(root) {
  const stats = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid … utime stime: fields after the closing parenthesis.
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; p = stats.get(p)?.ppid ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, { ticks: t }] of stats) if (inTree(pid)) ticks += t;
  return ticks / 100; // USER_HZ
}
const serverPid = values['server-pid'] ? Number(values['server-pid']) : null;

async function signIn(email) {
  const jar = new Map();
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(new URL('/api/auth/csrf', baseUrl));
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(new URL('/api/auth/callback/credentials', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD }),
    redirect: 'manual',
  });
  keep(response);
  await response.text();
  if (![...jar.keys()].some((name) => name.endsWith('session-token'))) throw new Error(`could not sign in as ${email}`);
  return header();
}

const cookies = new Map();
for (const email of new Set(MIX.map(([email]) => email))) cookies.set(email, await signIn(email));

/** One connection's loop until `until`; the samples of requests that started after `from`. */
async function run(offset, from, until, samples, errors) {
  for (let i = offset; performance.now() < until; i++) {
    const [email, path] = MIX[i % MIX.length];
    const started = performance.now();
    let failure = null;
    try {
      const response = await fetch(new URL(path, baseUrl), {
        headers: { cookie: cookies.get(email) },
        redirect: 'manual',
      });
      const body = await response.text();
      if (response.status !== 200) failure = String(response.status);
      else if (!body.trimEnd().endsWith('</html>')) failure = 'incomplete page';
    } catch (error) {
      failure = error?.cause?.code ?? error?.name ?? 'error';
    }
    if (started < from) continue;
    samples.push(performance.now() - started);
    if (failure) errors.set(failure, (errors.get(failure) ?? 0) + 1);
  }
}

const start = performance.now();
const from = start + warmupSeconds * 1000;
const until = from + seconds * 1000;
const samples = [];
const errors = new Map();
let cpuAtFrom = null;
const clientCpuAtStart = process.cpuUsage();
const cpuTimer = serverPid ? setTimeout(() => (cpuAtFrom = cpuSeconds(serverPid)), warmupSeconds * 1000) : null;
await Promise.all(Array.from({ length: connections }, (_, i) => run(i, from, until, samples, errors)));
const elapsed = (performance.now() - from) / 1000;
const clientCpu = process.cpuUsage(clientCpuAtStart);
clearTimeout(cpuTimer);
const serverCpuSeconds =
  serverPid && cpuAtFrom !== null ? Math.round((cpuSeconds(serverPid) - cpuAtFrom) * 10) / 10 : null;

samples.sort((a, b) => a - b);
const at = (p) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil((p / 100) * samples.length) - 1))] ?? 0;
const result = {
  baseUrl,
  connections,
  seconds: Math.round(elapsed * 10) / 10,
  requests: samples.length,
  perSecond: Math.round((samples.length / elapsed) * 10) / 10,
  p50Ms: Math.round(at(50)),
  p95Ms: Math.round(at(95)),
  p99Ms: Math.round(at(99)),
  maxMs: Math.round(samples.at(-1) ?? 0),
  errors: Object.fromEntries(errors),
  ...(serverCpuSeconds === null ? {} : { serverCpuSeconds }),
  /** This script's own CPU (warm-up included): on one machine it competes with the server. */
  loadCpuSeconds: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 10) / 10,
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(
    `${result.requests} requests in ${result.seconds} s over ${connections} connections: ${result.perSecond} requests/s, ` +
      `p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms, ` +
      `errors ${errors.size ? JSON.stringify(result.errors) : 0}` +
      (serverCpuSeconds === null ? '' : `, server CPU ${serverCpuSeconds} s of ${result.seconds} s`) +
      `, this script's CPU ${result.loadCpuSeconds} s`,
  );
}
process.exit(errors.size ? 1 : 0);
