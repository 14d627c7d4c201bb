// What the proxy refuses before Next or the app sees a request, because Next itself would answer
// it with a 500: a path Next cannot decode, a NUL that no query may carry, a body over the server
// actions' limit, and a mutation from another origin (Next's own check answers those with 500).
// Pure (Request-shaped input only), so it is tested without a server.
import { isStorableText } from './forms/storable';

/**
 * The largest body a request may carry: Next's limit for server actions (`serverActions.
 * bodySizeLimit`, next.config.js). No form comes near it (the longest, a meeting, is ~100 kB).
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 411 | 413; error: string; message: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Each segment decodes (Next throws URIError, a 500, on `%zz` or an invalid UTF-8 sequence) and holds no NUL. */
function pathIsReadable(pathname: string): boolean {
  return pathname.split('/').every((segment) => {
    try {
      return isStorableText(decodeURIComponent(segment));
    } catch {
      return false;
    }
  });
}

function queryIsStorable(search: string): boolean {
  return [...new URLSearchParams(search)].every(([key, value]) => isStorableText(key) && isStorableText(value));
}

/**
 * Auth.js answers a callback address it cannot use, in the query or in its callback cookie, with
 * a configuration error (500): it takes an absolute http(s) address or a path from the root
 * (@auth/core's assertConfig). Which origin it then redirects to is its redirect callback's
 * business (its default keeps people on this site).
 */
function isUsableCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? base : undefined).protocol);
  } catch {
    return false;
  }
}
const CALLBACK_COOKIES = new Set(['authjs.callback-url', '__Secure-authjs.callback-url']);

function callbackUrlsOf(url: URL, headers: Headers): string[] {
  const fromCookies = (headers.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim().split('='))
    .filter(([name]) => CALLBACK_COOKIES.has(name!))
    .map(([, ...value]) => {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return value.join('=');
      }
    });
  return [...url.searchParams.getAll('callbackUrl'), ...fromCookies];
}

/** The host the browser addressed, as Next's server-action check reads it (X-Forwarded-Host first). */
function addressedHost(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A mutation whose Origin is another site (or 'null': a sandboxed frame, a file). Without an
 * Origin it is a script's request (browsers always send one with a POST), which carries only the
 * credentials its author gave it; Next lets those through too.
 */
function isCrossOrigin(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method)) return false;
  const origin = headers.get('origin');
  if (origin === null) return false;
  return originHost(origin) !== addressedHost(headers);
}

/**
 * The refusal for a request, or null to let it through. `authEndpoint`: Auth.js's own routes
 * (/api/auth/*), which keep their CSRF-token check (an identity provider may post back to them
 * from its own origin), so only the URL and size checks apply there.
 */
export function refuseRequest(
  request: { method: string; url: string; headers: Headers },
  { authEndpoint = false }: { authEndpoint?: boolean } = {},
): Refusal | null {
  const url = new URL(request.url);
  if (!pathIsReadable(url.pathname))
    return { status: 400, error: 'bad_request', message: 'The address is not valid (malformed percent-encoding).' };
  if (!queryIsStorable(url.search))
    return {
      status: 400,
      error: 'bad_request',
      message: 'The address holds a character that cannot be used (NUL or a control character).',
    };
  if (authEndpoint && callbackUrlsOf(url, request.headers).some((value) => !isUsableCallbackUrl(value, url.origin)))
    return {
      status: 400,
      error: 'bad_request',
      message: 'The callback address is not valid: give a path on this site (/cases) or a full http(s) address.',
    };
  const method = request.method.toUpperCase();
  if (!SAFE_METHODS.has(method)) {
    const length = request.headers.get('content-length');
    // A body of unknown length (chunked) could only be measured by reading it; the app's own
    // pages always declare theirs.
    if (!authEndpoint && request.headers.has('transfer-encoding'))
      return { status: 411, error: 'length_required', message: 'A request with a body must declare its length.' };
    if (length !== null && !(Number(length) <= BODY_LIMIT_BYTES))
      return {
        status: 413,
        error: 'payload_too_large',
        message: 'The request is larger than 1 MB, the most accepted.',
      };
  }
  if (!authEndpoint && isCrossOrigin(method, request.headers))
    return { status: 403, error: 'cross_origin', message: 'Changes are only accepted from this site’s own pages.' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// The body of a server action call, which React decodes before any of the app's code runs: a body
// it cannot decode (not JSON, a reference to a part that is not there, nesting that overflows its
// stack) is a 500 there.

/** Nesting deeper than any form's (a case's parties' support measures are four levels). */
const MAX_NESTING = 32;

/**
 * What React's reply encoding puts in a string besides data: an escaped '$' ('$$…'), undefined,
 * -0, ±Infinity, NaN, a date ('$D…') and a bigint ('$n…'). References to other parts ('$K1', the
 * fields of a FormData argument) only exist in a multipart body; everything else ('$@', '$Q',
 * '$B', '$F', …: promises, maps, blobs, server references) no form of the app sends.
 */
const PLAIN = /^\$(?:\$|undefined$|-0$|Infinity$|-Infinity$|NaN$|D|n-?\d+$)/;
const FORM_DATA_REFERENCE = /^\$K\d+$/;

const MALFORMED: Refusal = { status: 400, error: 'bad_request', message: 'The server action call is malformed.' };

function refuseReply(text: string, multipart: boolean): Refusal | null {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return MALFORMED;
  }
  if (!Array.isArray(root)) return MALFORMED;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.startsWith('$') && !PLAIN.test(item) && !(multipart && FORM_DATA_REFERENCE.test(item))) return MALFORMED;
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_NESTING) return MALFORMED;
      for (const child of Object.values(item)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * A server action call (a POST with Next-Action) whose body React could not decode: 400. A JSON
 * body is the arguments; a multipart one (a form's FormData) carries them in its part "0".
 * Called after `refuseRequest`, so the body is at most BODY_LIMIT_BYTES.
 */
export async function refuseActionBody(request: Request): Promise<Refusal | null> {
  if (request.method.toUpperCase() !== 'POST' || !request.headers.has('next-action')) return null;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  // Next answers a URL-encoded call itself (404), without decoding it.
  if (type.startsWith('application/x-www-form-urlencoded')) return null;
  try {
    if (!type.startsWith('multipart/form-data')) return refuseReply(await request.clone().text(), false);
    const root = (await request.clone().formData()).get('0');
    return typeof root === 'string' ? refuseReply(root, true) : MALFORMED;
  } catch {
    return MALFORMED;
  }
}
