import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { databaseErrorFacts } from './errors';

// Structured server logs (JSON lines on stdout). They must never hold a password, a token, a
// session cookie, a code or the content of a free-text field: whatever a caller passes, values
// under such keys are replaced at any depth before a line is written (decision 007). An error of
// the database is reduced to its code and the names of its constraint, table and column: its
// message, query and parameters quote what was written (db/errors.ts).

export const REDACTED = '[redacted]';

const SECRET_KEYS = [
  'password',
  'currentpassword',
  'newpassword',
  'confirmpassword',
  'onetimepassword',
  'passwordhash',
  'secret',
  'clientsecret',
  'totpsecret',
  'totppendingsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'csrftoken',
  'code',
  'recoverycode',
  'recoverycodes',
  'cookie',
  'cookies',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-middleware-request-cookie',
];
/** Free text that people type into the register: never logged, whatever it holds. */
const FREE_TEXT_KEYS = [
  'notes',
  'note',
  'description',
  'comment',
  'comments',
  'text',
  'freetext',
  'summary',
  'body',
  'content',
  'decisions',
  'agenda',
  'minutes',
];
/** Keys compare without case, dashes or underscores: access_token, accessToken and Access-Token alike. */
const normaliseKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
const REDACT = new Set([...SECRET_KEYS, ...FREE_TEXT_KEYS].map(normaliseKey));

const isErrorLike = (value: object): value is Error =>
  value instanceof Error ||
  (typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string');

/** The stack's frames without its first line, which repeats the message. */
const framesOf = (error: Error) =>
  (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

function describeError(error: Error): Record<string, unknown> {
  const development = process.env.NODE_ENV !== 'production';
  const facts = databaseErrorFacts(error);
  if (facts) {
    const names = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    return { type: 'DatabaseError', ...names, ...(development ? { stack: framesOf(error) } : {}) };
  }
  return { type: error.name, message: error.message, ...(development ? { stack: error.stack } : {}) };
}

/** A copy of the value with every sensitive key's value replaced (at any depth, cycles cut). */
export function sanitise(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (isErrorLike(value)) return describeError(value);
  if (value instanceof Headers) return '[headers]';
  if (Array.isArray(value)) return value.map((v) => sanitise(v, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = REDACT.has(normaliseKey(key)) ? REDACTED : sanitise(v, seen, depth + 1);
  }
  return out;
}

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
      base: { app: 'lagesbild' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => sanitise(object) as Record<string, unknown>,
      },
      // The formatter has described the error already; pino's own serializer would put back the
      // messages of its causes and every property (drizzle's query and parameters).
      serializers: { err: (value: unknown) => value },
      hooks: {
        // Without a message of the caller's, pino takes the error's own as the line's message.
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (typeof second !== 'string' && error !== null && typeof error === 'object' && isErrorLike(error)) {
            const described = describeError(error);
            const message = String(described.message ?? described.type);
            const object: object = first instanceof Error ? { err: first } : (first as object);
            return method.call(this, object, message);
          }
          return method.apply(this, args);
        },
      },
      // A second net for the usual places, in case a caller bypasses the formatter.
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization'],
        censor: REDACTED,
      },
    },
    destination,
  );
}

const store = globalThis as unknown as { __lagesbildLog?: Logger };
export const log: Logger = (store.__lagesbildLog ??= createLogger());
