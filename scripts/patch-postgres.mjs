// npm's postinstall: repair two defects of the PostgreSQL driver (postgres 3.4.9) that turn a
// database restart into a broken pool (issue 21, docs/decisions/013-processes-and-pool.md).
//
// The driver batches small writes behind a setImmediate (`nextWrite`), and:
// 1. `closed()` and `terminate()` cancel that immediate but keep `nextWriteTimer` and the buffered
//    `chunk`: the reconnected connection then never schedules a write again (its start-up message
//    waits for ever, the pool loses the slot, requests hang until the connect timeout) and a later
//    flush sends the dead connection's bytes first.
// 2. `nextWrite()` writes to `socket` without checking it: a query sent to a connection whose socket
//    has just closed throws `TypeError: Cannot read properties of null (reading 'write')` from a
//    timer, where no caller can catch it.
// 3. `closed()` fails the queries still waiting only when the socket closed without an error: a
//    query sent between the socket's 'error' (ECONNRESET, which fails the queries sent before it)
//    and its 'close' waits for ever.
// The repair (as proposed upstream, porsager/postgres#1168/#1209): forget the buffer on teardown,
// fail the connection's queries with CONNECTION_CLOSED instead of writing to no socket, and
// fail every query still waiting when the socket closes.
//
// Idempotent; it refuses loudly on another version, so that an upgrade is a decision, not an accident.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* lagesbild: patched (scripts/patch-postgres.mjs) */';
const VERSION = '3.4.9';

const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)\n`,
  ],
  [
    "    terminated = true\n    if (stream || query || initial || sent.length)\n      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n",
    "    terminated = true\n    if (stream || query || initial || sent.length)\n      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  ],
  [
    "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    "    if (query || sent.length) error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
  ],
  [
    '    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    '    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
  ],
];

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
if (!existsSync(path.join(root, 'package.json'))) {
  console.error('scripts/patch-postgres.mjs: node_modules/postgres is missing');
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (version !== VERSION) {
  console.error(
    `scripts/patch-postgres.mjs: postgres ${version} is installed, the repair is written for ${VERSION}. ` +
      'Check whether the new version fixes nextWrite/closed (see the script), then update or remove it.',
  );
  process.exit(1);
}
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const full = path.join(root, file);
  let text = readFileSync(full, 'utf8');
  if (text.includes(MARK)) continue;
  for (const [from, to] of replacements) {
    const count = text.split(from).length - 1;
    if (count !== 1) {
      console.error(`scripts/patch-postgres.mjs: expected one match in ${file}, found ${count}`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(full, text);
}
