// The security headers of every response. The Content-Security-Policy carries a fresh nonce per
// request: Next.js reads it from the request's CSP header and puts it on its own scripts, so no
// script runs that the server did not send with this page (decision 007). The static headers
// (nosniff, referrer, frame and permission policies) are also in next.config.js, for the
// responses the proxy does not see (static files, /api/auth).

export type CspOptions = { nonce: string; development?: boolean; https?: boolean; formActions?: string[] };

export function contentSecurityPolicy({
  nonce,
  development = false,
  https = false,
  formActions = [],
}: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': scripts a nonced script loads (Next's chunks) may run; nothing inline without the nonce.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Style attributes in server-rendered HTML cannot carry a nonce; styles cannot run code.
    ['style-src', "'self'", "'unsafe-inline'"],
    // data: for the two-factor QR code, which is generated on the server.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(development ? ['ws:', 'wss:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    // The single sign-on button posts to the app, which redirects to the identity provider.
    ['form-action', "'self'", ...formActions],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Headers for every response, whatever the route (also set from next.config.js). */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Strict-Transport-Security only where it means something and cannot lock anyone out of plain
 * HTTP by mistake: a production server whose public address is HTTPS (AUTH_URL) or whose request
 * arrived over HTTPS (directly, or as the reverse proxy says in X-Forwarded-Proto). Browsers
 * ignore the header on plain HTTP anyway, so a forged X-Forwarded-Proto gains nothing.
 */
export function wantsHsts(
  env: { NODE_ENV?: string; AUTH_URL?: string },
  requestProtocol: string | null,
  forwardedProto: string | null,
): boolean {
  if (env.NODE_ENV !== 'production') return false;
  if (env.AUTH_URL?.startsWith('https://')) return true;
  return requestProtocol === 'https:' || (forwardedProto ?? '').split(',')[0]?.trim() === 'https';
}
