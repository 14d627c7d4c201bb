import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';

// Structured server logs (JSON lines on stdout). They must never hold a password, a token, a
// session cookie, a code or the content of a free-text field: whatever a caller passes, values
// under such keys are replaced at any depth before a line is written (decision 007).

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

/** A copy of the value with every sensitive key's value replaced (at any depth, cycles cut). */
export function sanitise(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      type: value.name,
      message: value.message,
      ...(process.env.NODE_ENV !== 'production' ? { stack: value.stack } : {}),
    };
  }
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
